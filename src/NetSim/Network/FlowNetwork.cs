using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

/// <summary>
/// An event-driven network over a <see cref="StarTopology"/>: every message is a flow over its links, driven by the
/// kernel <see cref="Kernel.Simulation"/>; flows share links, links may follow capacity schedules, and the server's
/// ingress takes uploads under an <see cref="IngressPolicy"/>.
/// </summary>
/// <remarks>
/// <para>
/// A message costs what the closed form (<see cref="ParameterServerRound"/>) charges: its wire size by the link's
/// overhead and framing, its latency, and for an upload a new connection's delay when the link sets one; transfers
/// end at the next whole nanosecond. An upload's first bit reaches the ingress after the uplink latency (plus the
/// connection delay); it is then received at the smaller of its uplink share and what the ingress gives it:
/// <see cref="IngressPolicy.SequentialPush"/> and <see cref="IngressPolicy.SequentialPull"/> queue uploads in arrival
/// order (ties by worker, then start order) and receive one at a time at min(uplink, ingress);
/// <see cref="IngressPolicy.FairShare"/> shares the ingress max-min (<see cref="FairShareLink"/>, O(log n) per event)
/// with each flow capped by its uplink share; <see cref="IngressPolicy.Unlimited"/> lets the uplink alone limit it. The
/// pull policy's one-request-at-a-time is the server's process on top (EventDrivenRound). Downloads,
/// forwards and notices serialize on their link and are delivered one latency later.
/// </para>
/// <para>
/// The flows on one worker link share it equally (floor(capacity / flows) bit/s each, at least 1 bit/s while the
/// capacity is positive), recomputed for that link's flows when one starts or ends or its capacity changes. A capacity
/// of 0 pauses the link's flows. All work happens at the simulation's current time in one wake-up event per instant,
/// processed after the other events of that instant; <c>delivered</c> callbacks run inside it, in completion order,
/// and may start or abort transfers. docs/netsim.md, "The event-driven network", says what is exact and what is not.
/// </para>
/// </remarks>
public sealed partial class FlowNetwork
{
    internal const long NanosecondsPerSecond = 1_000_000_000;

    private readonly Link[] _uplinks;
    private readonly Link[] _downlinks;
    private readonly IngressState[] _ingresses;
    private readonly LinkState[] _links;
    private readonly int _workers;
    private readonly int _ingressIndex;

    /// <summary>A network of <paramref name="topology"/> on <paramref name="simulation"/>, starting at its current time.</summary>
    /// <param name="simulation">The kernel whose clock and calendar the network uses.</param>
    /// <param name="topology">The links and the server's ingress.</param>
    /// <param name="ingress">How the server's ingress takes concurrent uploads.</param>
    /// <param name="uplinkCapacity">Each worker's uplink capacity over time (null, or a null entry: the link's bandwidth).</param>
    /// <param name="downlinkCapacity">Each worker's downlink capacity over time (null, or a null entry: the link's bandwidth).</param>
    /// <param name="ingressCapacity">The ingress capacity over time (null: the topology's <see cref="StarTopology.ServerIngress"/>).</param>
    /// <exception cref="ArgumentException">A capacity list's length differs from the number of workers.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The ingress policy is unknown.</exception>
    public FlowNetwork(
        Simulation simulation,
        StarTopology topology,
        IngressPolicy ingress,
        IReadOnlyList<ICapacitySchedule?>? uplinkCapacity = null,
        IReadOnlyList<ICapacitySchedule?>? downlinkCapacity = null,
        ICapacitySchedule? ingressCapacity = null)
        : this(simulation, topology, ingress, uplinkCapacity, downlinkCapacity, ingressCapacity, null)
    {
    }

    /// <summary>
    /// A network of <paramref name="topology"/>'s workers and <paramref name="serverIngress"/>.Count servers on
    /// <paramref name="simulation"/>: each server receives uploads at its own ingress under <paramref name="ingress"/>,
    /// and a worker's uploads to several servers share its uplink (<see cref="Upload(int, int, DataSize, Action{Transfer}?)"/>).
    /// </summary>
    /// <param name="simulation">The kernel whose clock and calendar the network uses.</param>
    /// <param name="topology">The workers' links (its <see cref="StarTopology.ServerIngress"/> is not used).</param>
    /// <param name="ingress">How each server's ingress takes concurrent uploads.</param>
    /// <param name="serverIngress">Each server's ingress rate (at least one server).</param>
    /// <exception cref="ArgumentException">No server, or a rate below 1 bit/s.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The ingress policy is unknown.</exception>
    public FlowNetwork(Simulation simulation, StarTopology topology, IngressPolicy ingress, IReadOnlyList<Bandwidth> serverIngress)
        : this(simulation, topology, ingress, null, null, null, serverIngress ?? throw new ArgumentNullException(nameof(serverIngress)))
    {
    }

    private FlowNetwork(
        Simulation simulation,
        StarTopology topology,
        IngressPolicy ingress,
        IReadOnlyList<ICapacitySchedule?>? uplinkCapacity,
        IReadOnlyList<ICapacitySchedule?>? downlinkCapacity,
        ICapacitySchedule? ingressCapacity,
        IReadOnlyList<Bandwidth>? serverIngress)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(topology);
        if (!Enum.IsDefined(ingress))
        {
            throw new ArgumentOutOfRangeException(nameof(ingress), ingress, "Unknown ingress policy.");
        }

        if (serverIngress is { Count: 0 })
        {
            throw new ArgumentException("At least one server is needed.", nameof(serverIngress));
        }

        Simulation = simulation;
        Topology = topology;
        Ingress = ingress;
        _uplinks = topology.UplinkArray;
        _downlinks = topology.DownlinkArray;
        _workers = topology.WorkerCount;
        CheckCount(uplinkCapacity, nameof(uplinkCapacity));
        CheckCount(downlinkCapacity, nameof(downlinkCapacity));
        _ingressIndex = 2 * _workers;
        var servers = serverIngress?.Count ?? 1;
        _links = new LinkState[(2 * _workers) + servers];
        for (var w = 0; w < _workers; w++)
        {
            _links[w] = new LinkState(uplinkCapacity?[w], _uplinks[w].Bandwidth.BitsPerSecond, Now);
            _links[_workers + w] = new LinkState(downlinkCapacity?[w], _downlinks[w].Bandwidth.BitsPerSecond, Now);
        }

        _ingresses = new IngressState[servers];
        for (var s = 0; s < servers; s++)
        {
            var nominal = serverIngress?[s].BitsPerSecond ?? topology.ServerIngress.BitsPerSecond;
            if (nominal <= 0)
            {
                throw new ArgumentException($"Server {s}'s ingress must be at least 1 bit/s.", nameof(serverIngress));
            }

            var link = _ingressIndex + s;
            _links[link] = new LinkState(ingressCapacity, nominal, Now);
            _ingresses[s] = new IngressState(link, _links[link].Capacity, nominal, Now);
        }
    }

    /// <summary>The kernel whose clock and calendar the network uses.</summary>
    public Simulation Simulation { get; }

    /// <summary>The links and the server's ingress.</summary>
    public StarTopology Topology { get; }

    /// <summary>How the server's ingress takes concurrent uploads.</summary>
    public IngressPolicy Ingress { get; }

    /// <summary>The number of servers, each with its own ingress (1 unless built with several).</summary>
    public int Servers => _ingresses.Length;

    /// <summary>The flow events processed so far: transfer starts, arrivals at the ingress, completions, aborts and
    /// capacity changes.</summary>
    public long FlowEvents { get; private set; }

    /// <summary>The transfers started and neither delivered nor aborted.</summary>
    public int ActiveTransfers { get; private set; }

    /// <summary>Told of every transfer's start, end and rate changes, and of the protocol's compute spans; null: no
    /// one. Observation only: it never changes what is simulated.</summary>
    public IFlowObserver? Observer { get; set; }

    private long Now => Simulation.Now.Nanoseconds;

    /// <summary>The rate <paramref name="transfer"/> sends at now, in bit/s: 0 unless it is on its links (for a flow
    /// sharing the fair ingress, within 1 bit/s).</summary>
    internal long RateNow(Transfer transfer)
    {
        if (transfer.State != FlowState.Flowing)
        {
            return 0;
        }

        if (transfer.FairId >= 0)
        {
            return transfer.InFair ? _ingresses[transfer.Server].Fair.RateOf(transfer.FairId, transfer.Cap) : 0;
        }

        return Math.Max(0, transfer.Rate);
    }

    /// <summary>Starts an upload of <paramref name="payload"/> from <paramref name="worker"/> to the server now.</summary>
    /// <param name="worker">The sending worker.</param>
    /// <param name="payload">The payload; the uplink adds its overhead and framing.</param>
    /// <param name="delivered">Called when the last bit is in at the server (inside the network's wake-up event).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="worker"/> is not a worker.</exception>
    public Transfer Upload(int worker, DataSize payload, Action<Transfer>? delivered) => Upload(worker, 0, payload, delivered);

    /// <summary>Starts an upload of <paramref name="payload"/> from <paramref name="worker"/> to
    /// <paramref name="server"/> now; it shares the worker's uplink with the worker's other flows and is received at
    /// that server's ingress.</summary>
    /// <param name="worker">The sending worker.</param>
    /// <param name="server">The receiving server (0 to <see cref="Servers"/> − 1).</param>
    /// <param name="payload">The payload; the uplink adds its overhead and framing.</param>
    /// <param name="delivered">Called when the last bit is in at the server (inside the network's wake-up event).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="worker"/> is not a worker, or
    /// <paramref name="server"/> not a server.</exception>
    public Transfer Upload(int worker, int server, DataSize payload, Action<Transfer>? delivered)
    {
        CheckWorker(worker, nameof(worker));
        if ((uint)server >= (uint)_ingresses.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(server), server, $"There are {_ingresses.Length} servers.");
        }

        var up = _uplinks[worker];
        var transfer = NewTransfer(TransferKind.Upload, worker, worker, payload, up.WireSize(payload).Bits, delivered, null);
        transfer.Server = server;
        var delay = up.Latency.Nanoseconds + up.ConnectionDelay(payload, _downlinks[worker], ConnectionRate(worker, server));
        transfer.Arrival = Now + delay;
        if (delay == 0)
        {
            transfer.State = FlowState.Arrived;
            _arrived.Add(transfer);
            RequestWake(Now);
        }
        else
        {
            transfer.State = FlowState.Latency;
            PushTimer(transfer.Arrival, TimerKind.Arrival, transfer);
        }

        return transfer;
    }

    /// <summary>Starts a download of <paramref name="payload"/> from the server to <paramref name="worker"/> now.</summary>
    /// <param name="worker">The receiving worker.</param>
    /// <param name="payload">The payload; the downlink adds its overhead and framing.</param>
    /// <param name="delivered">Called when the last bit is at the worker (serialization plus the downlink latency).</param>
    /// <param name="sent">Called when the last bit has left the server (serialization done), before the latency.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="worker"/> is not a worker.</exception>
    public Transfer Download(int worker, DataSize payload, Action<Transfer>? delivered, Action<Transfer>? sent = null)
    {
        CheckWorker(worker, nameof(worker));
        var transfer = NewTransfer(
            TransferKind.Download, worker, -1, payload, _downlinks[worker].WireSize(payload).Bits, delivered, sent);
        StartFlowing(transfer, _workers + worker);
        return transfer;
    }

    /// <summary>
    /// Starts a worker-to-worker hop (a binomial-tree broadcast step) now: it runs on <paramref name="receiver"/>'s
    /// downlink at most at <paramref name="sender"/>'s uplink capacity, and pays both latencies.
    /// </summary>
    /// <remarks>Like the closed form, the hop does not take a share of the sender's uplink from its other flows.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A worker index is out of range.</exception>
    /// <exception cref="ArgumentException">The sender is the receiver.</exception>
    public Transfer Forward(
        int sender, int receiver, DataSize payload, Action<Transfer>? delivered, Action<Transfer>? sent = null)
    {
        CheckWorker(sender, nameof(sender));
        CheckWorker(receiver, nameof(receiver));
        if (sender == receiver)
        {
            throw new ArgumentException("A worker does not forward to itself.", nameof(receiver));
        }

        var transfer = NewTransfer(
            TransferKind.Forward, receiver, sender, payload, _downlinks[receiver].WireSize(payload).Bits, delivered, sent);
        AddTo(sender, transfer);
        StartFlowing(transfer, _workers + receiver);
        return transfer;
    }

    /// <summary>Starts a notice (a skip notice) from <paramref name="worker"/> to the server now: the uplink only, not
    /// the ingress; delivered one uplink latency after it is serialized.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="worker"/> is not a worker.</exception>
    public Transfer Notify(int worker, DataSize payload, Action<Transfer>? delivered)
    {
        CheckWorker(worker, nameof(worker));
        var transfer = NewTransfer(
            TransferKind.Notice, worker, worker, payload, _uplinks[worker].WireSize(payload).Bits, delivered, null);
        StartFlowing(transfer, worker);
        return transfer;
    }

    /// <summary>
    /// Cancels <paramref name="transfer"/> now (its worker went offline): no callback runs for it any more. Returns the
    /// wire bytes already sent through its bottleneck (wasted); 0 for a transfer already delivered or aborted, and
    /// for an upload whose first bit has not been taken by the ingress yet.
    /// </summary>
    /// <exception cref="ArgumentException">The transfer belongs to another network.</exception>
    public long Abort(Transfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (!ReferenceEquals(transfer.Network, this))
        {
            throw new ArgumentException("The transfer belongs to another network.", nameof(transfer));
        }

        AdvanceIngresses(Now);
        if (transfer.State == FlowState.Done)
        {
            return 0;
        }

        long sentBits;
        switch (transfer.State)
        {
            case FlowState.InFlight:
                sentBits = transfer.WireBits;
                break;
            case FlowState.Flowing:
                var remaining = transfer.FairId >= 0 && transfer.InFair ? _ingresses[transfer.Server].Fair.Take(transfer.FairId) : RemainingNow(transfer);
                transfer.InFair = false;
                sentBits = transfer.WireBits - (long)((remaining + NanosecondsPerSecond - 1) / NanosecondsPerSecond);
                RemoveFromLinks(transfer);
                break;
            default:
                // Before the ingress took it: in latency, just arrived, or queued (skipped when it comes out).
                sentBits = 0;
                break;
        }

        transfer.Version++;
        transfer.State = FlowState.Done;
        transfer.Aborted = true;
        ActiveTransfers--;
        FlowEvents++;
        RequestWake(Now);
        Observer?.Ended(transfer);
        return sentBits / 8;
    }

    private Transfer NewTransfer(
        TransferKind kind, int worker, int sender, DataSize payload, long wireBits, Action<Transfer>? delivered, Action<Transfer>? sent)
    {
        FlowEvents++;
        ActiveTransfers++;
        var transfer = new Transfer(this, kind, worker, sender, payload, wireBits, Now)
        {
            Sequence = _sequence++,
            OnDelivered = delivered,
            OnSent = sent,
        };
        Observer?.Started(transfer);
        return transfer;
    }

    // The rate a new connection's slow start is computed at: the capacities now (the nominal ones where a schedule
    // is at 0), as the closed form's cap.
    private long ConnectionRate(int worker, int server)
    {
        var up = CapacityNow(worker) > 0 ? CapacityNow(worker) : _uplinks[worker].Bandwidth.BitsPerSecond;
        if (Ingress == IngressPolicy.Unlimited)
        {
            return up;
        }

        var link = _ingressIndex + server;
        var ingress = CapacityNow(link) > 0 ? CapacityNow(link) : _ingresses[server].Nominal;
        return Math.Min(up, ingress);
    }

    private void CheckWorker(int worker, string name)
    {
        if ((uint)worker >= (uint)_workers)
        {
            throw new ArgumentOutOfRangeException(name, worker, $"There are {_workers} workers.");
        }
    }

    private void CheckCount(IReadOnlyList<ICapacitySchedule?>? schedules, string name)
    {
        if (schedules is not null && schedules.Count != _workers)
        {
            throw new ArgumentException($"There are {schedules.Count} capacity schedules for {_workers} workers.", name);
        }
    }

    private long CapacityNow(int link) =>
        _links[link] is { Schedule: { } schedule, Tracking: false } ? schedule.BitsPerSecondAt(Now) : _links[link].Capacity;

    // One link's capacity and the flows on it (an uplink's forwards are listed but do not take a share). A scheduled
    // capacity is followed (Tracking, one timer pending) only while flows depend on it, so an idle network's
    // calendar empties.
    private sealed class LinkState(ICapacitySchedule? schedule, long bandwidth, long now)
    {
        public readonly ICapacitySchedule? Schedule = schedule;
        public readonly List<Transfer> Flows = [];
        public long Capacity = schedule?.BitsPerSecondAt(now) ?? bandwidth;
        public int Uncounted;
        public bool Dirty;
        public bool Tracking;

        public int Counted => Flows.Count - Uncounted;

        public long Share => Capacity == 0 ? 0 : Math.Max(1, Capacity / Math.Max(1, Counted));
    }
}
