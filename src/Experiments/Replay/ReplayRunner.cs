using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Trace;

namespace Sasg.Experiments.Replay;

/// <summary>Pushes a recorded decision log through a network without recomputing any gradient.</summary>
public static class ReplayRunner
{
    /// <summary>The end time of every iteration of <paramref name="log"/> on the given network.</summary>
    /// <exception cref="ArgumentException">The network has another worker count than the log.</exception>
    public static SimTime[] IterationEnds(
        DecisionLog log, StarTopology topology, ParameterServerOptions options, ComputeModel compute, ITraceSink? trace = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(topology);
        if (topology.WorkerCount != log.Workers)
        {
            throw new ArgumentException(
                $"The decision log has {log.Workers} workers but the network {topology.WorkerCount}; replay keeps M fixed.",
                nameof(topology));
        }

        var ends = new SimTime[log.Iterations];
        var round = new ParameterServerRound(topology, compute, options, trace);
        var k = 0;
        round.Run(log.ToPlan(), log.Iterations, timing => ends[k++] = timing.End);
        return ends;
    }
}
