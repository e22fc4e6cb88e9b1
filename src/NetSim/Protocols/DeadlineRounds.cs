using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.NetSim.Protocols;

/// <summary>Rounds that close at a deadline: the server sends the model to every online worker that is not still
/// busy, and applies what arrived when the round closes: at a fixed time after its start, at the k-th arrival, at
/// the <see cref="DeadlineRule.Keep"/>-th arrival (over-selection keeps the first K), or when no asked worker is left
/// to wait for, whichever comes first.</summary>
/// <remarks>At the close a worker still in its turn is late: its turn is lost (<see cref="WorkLoss.Late"/>, its
/// transfers aborted) when late uploads are dropped; when they are kept it goes on, is not asked again until its
/// upload is in, and its message joins the next update (stale). Rounds follow each other after the aggregation time;
/// with no worker to ask, the next round waits for a worker to come online. After <see cref="StallLimit"/> rounds
/// in a row that close with nothing to apply the run stops (<see cref="ProtocolOutcome.Stalled"/>) instead of
/// spinning.</remarks>
public sealed class DeadlineRounds : IProtocolProcess
{
    private readonly FlowNetwork _network;
    private readonly ComputeModel _compute;
    private readonly IWorkerAvailability _availability;
    private readonly ProtocolMessages _messages;
    private readonly SimTime _aggregation;

    /// <summary>Deadline rounds over <paramref name="network"/>'s workers.</summary>
    /// <param name="network">The transfers.</param>
    /// <param name="compute">The workers' compute model (same number of workers).</param>
    /// <param name="messages">The model, skip-notice and request sizes.</param>
    /// <param name="rule">When a round closes and what happens to late uploads.</param>
    /// <param name="availability">When each worker is online; null: always.</param>
    /// <param name="aggregationTime">The server's time to apply an update, before the next round starts.</param>
    /// <exception cref="ArgumentException">The compute model has another number of workers.</exception>
    public DeadlineRounds(
        FlowNetwork network,
        ComputeModel compute,
        ProtocolMessages messages,
        DeadlineRule rule,
        IWorkerAvailability? availability = null,
        SimTime aggregationTime = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        if (compute.WorkerCount != network.Topology.WorkerCount)
        {
            throw new ArgumentException($"The compute model has {compute.WorkerCount} workers, the network {network.Topology.WorkerCount}.", nameof(compute));
        }

        _network = network;
        _compute = compute;
        _messages = messages;
        _availability = availability ?? AlwaysOnline.Instance;
        _aggregation = aggregationTime;
        Rule = rule;
    }

    /// <summary>When a round closes and what happens to late uploads.</summary>
    public DeadlineRule Rule { get; }

    /// <summary>Rounds in a row that may close with nothing to apply before the run stops; default 1,000.</summary>
    public int StallLimit { get; init; } = 1000;

    /// <summary>Runs rounds from the simulation's current time until the plan stops them, the stall limit is reached,
    /// or no worker will ever be online again.</summary>
    public ProtocolRunSummary Run(IProtocolPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var simulation = _network.Simulation;
        var clock = new ProtocolClock(simulation);
        var m = _network.Topology.WorkerCount;
        var roundOf = new long[m];
        Array.Fill(roundOf, -1);
        var messages = new List<int>();
        long round = -1, updates = 0, empty = 0, emptyInARow = 0;
        int outstanding = 0, fresh = 0;
        var open = false;
        var outcome = (ProtocolOutcome?)null;
        WorkerTurns turns = null!;

        void Close(long closing)
        {
            if (closing != round || !open)
            {
                return;
            }

            open = false;
            for (var w = 0; w < m && !Rule.KeepLate; w++)
            {
                if (roundOf[w] == round && turns.IsBusy(w))
                {
                    turns.Cancel(w, WorkLoss.Late);
                }
            }

            if (messages.Count == 0)
            {
                empty++;
                if (++emptyInARow >= StallLimit)
                {
                    outcome = ProtocolOutcome.Stalled;
                    return;
                }
            }
            else
            {
                emptyInARow = 0;
                updates++;
                var goOn = plan.Update(messages);
                messages.Clear();
                if (!goOn)
                {
                    outcome = ProtocolOutcome.Stopped;
                    return;
                }
            }

            clock.After(_aggregation, StartRound);
        }

        void Resolved(int worker)
        {
            if (open && roundOf[worker] == round && --outstanding == 0)
            {
                Close(round);
            }
        }

        void StartRound()
        {
            var asked = 0;
            round++;
            for (var w = 0; w < m; w++)
            {
                if (!turns.IsBusy(w) && turns.IsOnline(w))
                {
                    roundOf[w] = round;
                    asked++;
                }
            }

            if (asked == 0)
            {
                var next = Enumerable.Range(0, m).Where(w => !turns.IsBusy(w)).Select(turns.NextChange).DefaultIfEmpty(long.MaxValue).Min();
                if (next != long.MaxValue)
                {
                    clock.At(next, StartRound);
                }

                return;
            }

            open = true;
            outstanding = asked;
            fresh = 0;
            var closing = round;
            if (Rule.After is { } after)
            {
                clock.After(after, () => Close(closing));
            }

            for (var w = 0; w < m; w++)
            {
                if (roundOf[w] == round)
                {
                    turns.Begin(w);
                }
            }
        }

        void Arrived(int worker)
        {
            messages.Add(worker);
            if (!open || roundOf[worker] != round)
            {
                return; // a late upload kept for the next update
            }

            fresh++;
            if (fresh == Rule.Fastest || fresh == Rule.Keep)
            {
                Close(round);
            }
            else
            {
                Resolved(worker);
            }
        }

        turns = new WorkerTurns(_network, clock, _compute, _availability, _messages, plan)
        {
            Arrived = Arrived,
            Lost = Resolved,
            Idled = Resolved,
        };
        StartRound();
        while (outcome is null && (clock.Pending > 0 || turns.BusyCount > 0) && simulation.Step())
        {
        }

        return new ProtocolRunSummary(outcome ?? ProtocolOutcome.Exhausted, updates, empty, simulation.Now);
    }
}
