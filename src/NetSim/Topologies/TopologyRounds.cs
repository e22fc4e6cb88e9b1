using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Topologies;

/// <summary>What the topology rounds share: checks, the run loop, delayed calls and their trace records.</summary>
internal static class TopologyRounds
{
    public static void CheckWorkers(StarTopology workers, ComputeModel compute)
    {
        if (compute.WorkerCount != workers.WorkerCount)
        {
            throw new ArgumentException(
                $"The compute model has {compute.WorkerCount} workers, the topology {workers.WorkerCount}.", nameof(compute));
        }
    }

    public static void RefuseRequest(int round, int worker, in WorkerAction action, string topology)
    {
        if (action.Uploads && action.NeedsServerRequest)
        {
            throw new InvalidOperationException(
                $"Round {round}, worker {worker}: a {topology} round has no server requests (LAG-PS); use the star.");
        }
    }

    public static ParameterServerRunSummary Run(
        IRoundNetwork network, IRoundPlan plan, int rounds, Action<RoundTiming>? onRoundCompleted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rounds);
        var totals = new RunTotals();
        var now = SimTime.Zero;
        for (var round = 0; round < rounds; round++)
        {
            var timing = network.RunRound(round, now, plan);
            totals.Add(timing);
            onRoundCompleted?.Invoke(timing);
            now = timing.End;
        }

        return totals.Summary(rounds, now);
    }

    // Steps the simulation until pending() is zero.
    public static void StepUntil(Simulation simulation, Func<bool> done, int round)
    {
        while (!done())
        {
            if (!simulation.Step())
            {
                throw new InvalidOperationException($"Round {round} cannot finish: a link's capacity stays at 0.");
            }
        }
    }

    public static void After(Simulation simulation, long delay, Action<int> action, int argument)
    {
        if (delay == 0)
        {
            action(argument);
        }
        else
        {
            simulation.Schedule(new DelayedCall(simulation, action, argument), SimTime.FromNanoseconds(delay));
        }
    }

    // The round's records: broadcasts (when there is one), computes, then each non-idle worker's upload (its first
    // message sent → its report in) or skip, then aggregate and round.
    public static void Write(ITraceSink sink, RoundTiming t, DataSize modelBytes, bool broadcast)
    {
        var round = t.Round;
        if (broadcast)
        {
            for (var w = 0; w < t.WorkerCount; w++)
            {
                sink.Write(new TraceRecord(Ns(t.BroadcastSendStart[w]), Ns(t.ModelReceived[w]), w, TraceKind.Broadcast, round, modelBytes.Bytes));
            }
        }

        for (var w = 0; w < t.WorkerCount; w++)
        {
            if (!t.Idle[w])
            {
                sink.Write(new TraceRecord(Ns(t.ModelReceived[w]), Ns(t.ComputeEnd[w]), w, TraceKind.Compute, round, 0));
            }
        }

        for (var w = 0; w < t.WorkerCount; w++)
        {
            if (t.Uploads[w])
            {
                sink.Write(new TraceRecord(Ns(t.UploadStart[w]), Ns(t.Reported[w]), w, TraceKind.Upload, round, t.UploadBytes[w]));
            }
            else if (!t.Idle[w])
            {
                sink.Write(new TraceRecord(Ns(t.ComputeEnd[w]), Ns(t.Reported[w]), w, TraceKind.Skip, round, 0));
            }
        }

        sink.Write(new TraceRecord(t.AggregationStart, t.End, TraceRecord.ServerNode, TraceKind.Aggregate, round, 0));
        sink.Write(new TraceRecord(t.Start, t.End, TraceRecord.ServerNode, TraceKind.Round, round, t.CarriedBytes.Bytes));
    }

    private static SimTime Ns(long nanoseconds) => SimTime.FromNanoseconds(nanoseconds);

    // A call of action(argument) at a later instant, as a calendar event.
    private sealed class DelayedCall(Simulation simulation, Action<int> action, int argument) : Event(simulation)
    {
        internal override void Fire()
        {
            base.Fire();
            action(argument);
        }
    }
}
