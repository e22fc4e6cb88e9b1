using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Topologies;

/// <summary>
/// A synchronous round without a server: every worker computes on its own copy of the model, then the workers run a
/// ring or tree all-reduce (dense) or all-gather (sparse) over their links (worker to worker through the switch); the
/// round ends the aggregation time after the last worker has the result. Nothing is broadcast.
/// </summary>
public sealed class CollectiveRound : IRoundNetwork
{
    /// <summary>A round model of a collective over <paramref name="workers"/>' links.</summary>
    /// <param name="workers">The workers' links (its <see cref="StarTopology.ServerIngress"/> is not used).</param>
    /// <param name="kind">Ring or tree.</param>
    /// <param name="operation">All-reduce or all-gather.</param>
    /// <param name="compute">The workers' compute model.</param>
    /// <param name="options">Only the aggregation time is used.</param>
    /// <param name="trace">Receives the round's spans when given; observation only.</param>
    public CollectiveRound(
        StarTopology workers,
        CollectiveKind kind,
        CollectiveOperation operation,
        ComputeModel compute,
        ParameterServerOptions options,
        ITraceSink? trace = null)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(options);
        Topology = workers;
        Kind = kind;
        Operation = operation;
        Compute = compute;
        Options = options;
        _ = trace;
        throw new NotImplementedException("Issue 18: CollectiveRound is being built.");
    }

    /// <summary>Ring or tree.</summary>
    public CollectiveKind Kind { get; }

    /// <summary>All-reduce or all-gather.</summary>
    public CollectiveOperation Operation { get; }

    /// <inheritdoc/>
    public StarTopology Topology { get; }

    /// <inheritdoc/>
    public ComputeModel Compute { get; }

    /// <inheritdoc/>
    public ParameterServerOptions Options { get; }

    /// <inheritdoc/>
    public RoundTiming LastRound => throw new NotImplementedException();

    /// <inheritdoc/>
    public RoundTiming RunRound(int round, SimTime start, IRoundPlan plan) => throw new NotImplementedException();

    /// <inheritdoc/>
    public ParameterServerRunSummary Run(IRoundPlan plan, int rounds, Action<RoundTiming>? onRoundCompleted = null) =>
        throw new NotImplementedException();
}
