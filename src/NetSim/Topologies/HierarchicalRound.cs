using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Topologies;

/// <summary>
/// A synchronous round on a two-level tree: the server sends the model to the aggregators, each aggregator to its
/// workers; workers upload (or send a skip notice) to their aggregator, which forwards to the server (one merged
/// message, or each upload as is); the round ends the aggregation time after the server has every aggregator's report.
/// </summary>
public sealed class HierarchicalRound : IRoundNetwork
{
    /// <summary>A round model of a two-level tree.</summary>
    /// <param name="workers">The workers' links to and from their aggregators; its <see cref="StarTopology.ServerIngress"/>
    /// is the server's ingress from the aggregators.</param>
    /// <param name="layout">The groups and the aggregators' links.</param>
    /// <param name="compute">The workers' compute model.</param>
    /// <param name="options">The server's side (the ingress policy applies at the aggregators and at the server).</param>
    /// <param name="sizes">The sizes of merged messages.</param>
    /// <param name="trace">Receives the round's spans when given; observation only.</param>
    public HierarchicalRound(
        StarTopology workers,
        HierarchicalLayout layout,
        ComputeModel compute,
        ParameterServerOptions options,
        IMessageSizes sizes,
        ITraceSink? trace = null)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sizes);
        Topology = workers;
        Layout = layout;
        Compute = compute;
        Options = options;
        _ = trace;
        throw new NotImplementedException("Issue 18: HierarchicalRound is being built.");
    }

    /// <summary>The groups and the aggregators' links.</summary>
    public HierarchicalLayout Layout { get; }

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
