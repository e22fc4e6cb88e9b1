using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Topologies;

/// <summary>
/// A synchronous round with S parameter servers, each owning a contiguous slice of the model: each server sends its
/// model slice to every worker; a worker uploads each server the part of its upload in that server's slice (a skip
/// notice where none falls in it, or when it skips), its slices sharing its uplink; each server receives under the
/// ingress policy at its own ingress; the round ends the aggregation time after the last server has every report.
/// </summary>
public sealed class ShardedRound : IRoundNetwork
{
    /// <summary>A round model of <paramref name="serverIngress"/>.Count servers.</summary>
    /// <param name="workers">The workers' links (its <see cref="StarTopology.ServerIngress"/> is not used).</param>
    /// <param name="serverIngress">Each server's ingress (at least one).</param>
    /// <param name="compute">The workers' compute model.</param>
    /// <param name="options">The servers' side (the model size is split by <see cref="IMessageSizes.ModelSlice"/>).</param>
    /// <param name="sizes">The sizes of the slices.</param>
    /// <param name="trace">Receives the round's spans when given; observation only.</param>
    public ShardedRound(
        StarTopology workers,
        IReadOnlyList<Bandwidth> serverIngress,
        ComputeModel compute,
        ParameterServerOptions options,
        IMessageSizes sizes,
        ITraceSink? trace = null)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(serverIngress);
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sizes);
        Topology = workers;
        Compute = compute;
        Options = options;
        _ = trace;
        throw new NotImplementedException("Issue 18: ShardedRound is being built.");
    }

    /// <summary>The number of servers, S.</summary>
    public int Servers => throw new NotImplementedException();

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
