using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.NetSim.Protocols;

/// <summary>A server without rounds: every worker works on its own clock (receive the model, compute, upload), and the
/// server applies an update every <see cref="Buffer"/> arrivals that the plan counts (<see cref="IProtocolPlan.Counts"/>). A buffer of 1 is asynchronous SGD (each arrival is an
/// update and its worker then pulls the new model); more is FedBuff's buffered aggregation (a worker pulls the current
/// model as soon as its upload is in, without waiting for the update).</summary>
/// <remarks>An offline worker does nothing until it is online again; one that goes offline during its turn loses it
/// (<see cref="IProtocolPlan.Lost"/>) and starts a new turn when it is back. A worker pulls again the aggregation time
/// after an update its upload completed, at once otherwise.</remarks>
public sealed class FreeRunningServer : IProtocolProcess
{
    private readonly FlowNetwork _network;
    private readonly ComputeModel _compute;
    private readonly IWorkerAvailability _availability;
    private readonly ProtocolMessages _messages;
    private readonly SimTime _aggregation;

    /// <summary>A server of <paramref name="network"/>'s workers.</summary>
    /// <param name="network">The transfers.</param>
    /// <param name="compute">The workers' compute model (same number of workers).</param>
    /// <param name="messages">The model, skip-notice and request sizes.</param>
    /// <param name="buffer">The arrivals per update: 1 for asynchronous, K for buffered.</param>
    /// <param name="availability">When each worker is online; null: always.</param>
    /// <param name="aggregationTime">The server's time to apply an update.</param>
    /// <exception cref="ArgumentException">The compute model has another number of workers.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="buffer"/> is not in 1..M.</exception>
    public FreeRunningServer(
        FlowNetwork network,
        ComputeModel compute,
        ProtocolMessages messages,
        int buffer,
        IWorkerAvailability? availability = null,
        SimTime aggregationTime = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(messages);
        if (compute.WorkerCount != network.Topology.WorkerCount)
        {
            throw new ArgumentException($"The compute model has {compute.WorkerCount} workers, the network {network.Topology.WorkerCount}.", nameof(compute));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(buffer, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(buffer, network.Topology.WorkerCount);
        _network = network;
        _compute = compute;
        _messages = messages;
        _availability = availability ?? AlwaysOnline.Instance;
        _aggregation = aggregationTime;
        Buffer = buffer;
    }

    /// <summary>The arrivals per update.</summary>
    public int Buffer { get; }

    /// <summary>Runs from the simulation's current time until the plan stops it or nothing is left to happen.</summary>
    public ProtocolRunSummary Run(IProtocolPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var simulation = _network.Simulation;
        var clock = new ProtocolClock(simulation);
        var buffered = new List<int>(Buffer);
        var updates = 0L;
        var stopped = false;
        WorkerTurns turns = null!;

        void StartWhenOnline(int worker)
        {
            if (stopped)
            {
                return;
            }

            if (turns.IsOnline(worker))
            {
                turns.Begin(worker);
                return;
            }

            var next = turns.NextChange(worker);
            if (next != long.MaxValue)
            {
                clock.At(next, () => StartWhenOnline(worker));
            }
        }

        void Arrived(int worker)
        {
            // The plan is the source of truth for updates: a message it does not count is no arrival of the buffer.
            if (!plan.Counts(worker))
            {
                StartWhenOnline(worker);
                return;
            }

            buffered.Add(worker);
            var updated = buffered.Count == Buffer;
            if (updated)
            {
                updates++;
                stopped = !plan.Update(buffered);
                buffered.Clear();
            }

            if (updated && _aggregation > SimTime.Zero)
            {
                clock.After(_aggregation, () => StartWhenOnline(worker));
            }
            else
            {
                StartWhenOnline(worker);
            }
        }

        turns = new WorkerTurns(_network, clock, _compute, _availability, _messages, plan)
        {
            Arrived = Arrived,
            Lost = StartWhenOnline, // back when it is online again (an idle worker stops for good)
        };
        for (var worker = 0; worker < turns.WorkerCount; worker++)
        {
            StartWhenOnline(worker);
        }

        while (!stopped && (clock.Pending > 0 || turns.BusyCount > 0) && simulation.Step())
        {
        }

        return new ProtocolRunSummary(stopped ? ProtocolOutcome.Stopped : ProtocolOutcome.Exhausted, updates, 0, simulation.Now);
    }
}
