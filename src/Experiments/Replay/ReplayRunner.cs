using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Trace;

namespace Sasg.Experiments.Replay;

/// <summary>Pushes a recorded decision log through a network without recomputing any gradient.</summary>
public static class ReplayRunner
{
    /// <summary>The end time of every iteration of <paramref name="log"/> on the given network.</summary>
    /// <exception cref="ArgumentException">The network has another worker count than the log.</exception>
    /// <exception cref="OverflowException">A time passed the simulator's range (about 292 years): a round's times
    /// went backwards or below zero, as a sum of nanoseconds past <see cref="long.MaxValue"/> does.</exception>
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
        var previous = SimTime.Zero;
        round.Run(log.ToPlan(), log.Iterations, timing =>
        {
            if (!InRange(timing, previous))
            {
                throw new OverflowException($"Iteration {k} of '{log.Algorithm}' passes the simulator's time range.");
            }

            previous = ends[k++] = timing.End;
        });
        return ends;
    }

    // NetSim adds nanoseconds without overflow checks; a sum past long.MaxValue wraps below zero, and a round's end
    // then hides it (a shorter time, not an error). Checking each round's times costs a pass over its workers.
    private static bool InRange(RoundTiming timing, SimTime previous)
    {
        if (timing.Start < previous || timing.End < timing.Start)
        {
            return false;
        }

        for (var w = 0; w < timing.WorkerCount; w++)
        {
            var worker = timing[w];
            if (worker.ModelReceived < SimTime.Zero || worker.ComputeEnd < SimTime.Zero || worker.UploadStart < SimTime.Zero
                || worker.ReceiveStart < SimTime.Zero || worker.ReceiveEnd < SimTime.Zero || worker.Reported < SimTime.Zero)
            {
                return false;
            }
        }

        return true;
    }
}
