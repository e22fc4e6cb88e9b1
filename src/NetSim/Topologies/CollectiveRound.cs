using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Topologies;

/// <summary>
/// A synchronous round without a server: every worker computes on its own copy of the model, then the workers run a
/// ring or tree all-reduce (dense) or all-gather (sparse) over their links (worker to worker through the switch); the
/// round ends the aggregation time after the last worker has the result. Nothing is broadcast.
/// </summary>
/// <remarks>
/// <para>
/// Every message is a <see cref="FlowNetwork.Forward"/> hop: it runs on the receiver's downlink at most at the
/// sender's uplink capacity and pays the sender's uplink latency plus the receiver's downlink latency.
/// </para>
/// <para>
/// Ring all-reduce of S bytes (the uploads' common size) over N workers: 2(N − 1) steps over S split into N chunks
/// (chunk k has floor((k + 1)S/N) − floor(kS/N) bytes); at step j worker w sends chunk (w − j) mod N to w + 1 mod N,
/// once it has computed, has received step j − 1's chunk from w − 1 and its own step j − 1 send is serialized. Ring
/// all-gather: N − 1 steps, at step j worker w forwards worker (w − j) mod N's message (its own first). Tree (worker
/// w's children 2w + 1 and 2w + 2): a worker sends to its parent once it has computed and has its children's messages
/// (all-reduce: S; all-gather: the sum of its subtree's sizes), then worker 0 sends the result down (all-reduce: S;
/// all-gather: the sum of all sizes), each node to its first child, then to its second once the first send is
/// serialized. A skipping or idle worker takes part as usual: under all-reduce it contributes zeros (the same
/// traffic), under all-gather its message has no payload bytes (its hops still happen).
/// </para>
/// <para>
/// Per worker, <see cref="WorkerRoundTiming.UploadStart"/> is its first send and <see cref="WorkerRoundTiming.Reported"/>
/// (and the receive end) when it has the result; the model is received at the round's start.
/// <see cref="RoundTiming.UploadedBytes"/> sums the uploading workers' upload sizes (what each contributes),
/// <see cref="RoundTiming.CarriedBytes"/> every hop's payload.
/// </para>
/// </remarks>
public sealed partial class CollectiveRound : IRoundNetwork
{
    private readonly ITraceSink? _trace;
    private readonly RoundTiming _timing;
    private readonly long[] _computeTime;
    private readonly long[] _size;
    private readonly long[] _subtree;
    private readonly int[] _step;
    private readonly int[] _received;
    private readonly int[] _waiting;
    private readonly bool[] _computed;
    private readonly bool[] _sending;
    private readonly Action<Transfer> _onRingDelivered;
    private readonly Action<Transfer> _onRingSent;
    private readonly Action<Transfer> _onUpDelivered;
    private readonly Action<Transfer> _onDownDelivered;
    private readonly Action<Transfer> _onDownSent;
    private readonly Action<int> _onComputed;
    private readonly Func<bool> _done;
    private int _steps;
    private int _finished;
    private long _carried;
    private long _reduceSize;

    /// <summary>A round model of a collective over <paramref name="workers"/>' links.</summary>
    /// <param name="workers">The workers' links (its <see cref="StarTopology.ServerIngress"/> is not used).</param>
    /// <param name="kind">Ring or tree.</param>
    /// <param name="operation">All-reduce or all-gather.</param>
    /// <param name="compute">The workers' compute model.</param>
    /// <param name="options">Only the aggregation time is used.</param>
    /// <param name="trace">Receives the round's spans when given; observation only.</param>
    /// <exception cref="ArgumentException">The compute model's worker count differs from the topology's.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kind or operation is unknown.</exception>
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
        options.Validate();
        TopologyRounds.CheckWorkers(workers, compute);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown collective kind.");
        }

        if (!Enum.IsDefined(operation))
        {
            throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown collective operation.");
        }

        Topology = workers;
        Kind = kind;
        Operation = operation;
        Compute = compute;
        Options = options;
        _trace = trace;
        var n = workers.WorkerCount;
        _timing = new RoundTiming(n);
        _computeTime = new long[n];
        _size = new long[n];
        _subtree = new long[n];
        _step = new int[n];
        _received = new int[n];
        _waiting = new int[n];
        _computed = new bool[n];
        _sending = new bool[n];
        _onRingDelivered = OnRingDelivered;
        _onRingSent = OnRingSent;
        _onUpDelivered = OnUpDelivered;
        _onDownDelivered = OnDownDelivered;
        _onDownSent = OnDownSent;
        _onComputed = OnComputed;
        _done = () => _finished == _timing.WorkerCount;
        (Simulation, Network) = CreateNetwork();
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
    public RoundTiming LastRound => _timing;

    /// <summary>The simulation the rounds run on.</summary>
    public Simulation Simulation { get; private set; }

    /// <summary>The network the rounds' messages flow through.</summary>
    public FlowNetwork Network { get; private set; }

    // The ring through the network's events instead of the recurrence (tests check both agree).
    internal bool EventDrivenRing { get; set; }

    private long Now => Simulation.Now.Nanoseconds;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">A worker needs a server request (there is no server), or under
    /// all-reduce two uploads differ in size.</exception>
    public RoundTiming RunRound(int round, SimTime start, IRoundPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (start < Simulation.Now)
        {
            (Simulation, Network) = CreateNetwork();
        }

        Simulation.Run(start);
        var t = _timing;
        var n = t.WorkerCount;
        t.Round = round;
        t.Start = start;
        _reduceSize = -1;
        for (var w = 0; w < n; w++)
        {
            var action = plan.Decide(round, w);
            TopologyRounds.RefuseRequest(round, w, action, Kind == CollectiveKind.Ring ? "ring" : "tree");
            _computeTime[w] = Compute.Duration(w, action.ComputeCost).Nanoseconds;
            t.Uploads[w] = action.Uploads;
            t.Idle[w] = action.IsIdle && !action.Uploads;
            t.UploadBytes[w] = _size[w] = action.Uploads ? action.UploadSize.Bytes : 0;
            t.RequestReceived[w] = -1;
            t.BroadcastSendStart[w] = t.ModelReceived[w] = start.Nanoseconds;
            t.ComputeEnd[w] = start.Nanoseconds + _computeTime[w];
            if (action.Uploads && Operation == CollectiveOperation.AllReduce)
            {
                if (_reduceSize >= 0 && _reduceSize != _size[w])
                {
                    throw new InvalidOperationException(
                        $"Round {round}: an all-reduce needs uploads of one size; worker {w} uploads {_size[w]} bytes, an earlier worker {_reduceSize}.");
                }

                _reduceSize = _size[w];
            }
        }

        _reduceSize = Math.Max(0, _reduceSize);
        _finished = 0;
        _carried = 0;
        Prepare(n);
        if (Kind == CollectiveKind.Ring && n > 1 && !EventDrivenRing)
        {
            RingByRecurrence(t);
        }
        else
        {
            for (var w = 0; w < n; w++)
            {
                TopologyRounds.After(Simulation, _computeTime[w], _onComputed, w);
            }

            TopologyRounds.StepUntil(Simulation, _done, round);
        }

        Finish(t);
        return t;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounds"/> is negative.</exception>
    public ParameterServerRunSummary Run(IRoundPlan plan, int rounds, Action<RoundTiming>? onRoundCompleted = null) =>
        TopologyRounds.Run(this, plan, rounds, onRoundCompleted);

    private (Simulation Simulation, FlowNetwork Network) CreateNetwork()
    {
        var simulation = new Simulation();
        return (simulation, new FlowNetwork(simulation, Topology, IngressPolicy.Unlimited));
    }

    private void Prepare(int n)
    {
        _steps = n == 1 ? 0 : Kind == CollectiveKind.Ring
            ? (Operation == CollectiveOperation.AllReduce ? 2 * (n - 1) : n - 1)
            : 0;
        for (var w = n - 1; w >= 0; w--)
        {
            _step[w] = 0;
            _received[w] = 0;
            _computed[w] = false;
            _sending[w] = false;
            var children = 0;
            var subtree = _size[w];
            for (var c = (2 * w) + 1; c <= (2 * w) + 2 && c < n; c++)
            {
                children++;
                subtree += _subtree[c];
            }

            _subtree[w] = subtree;
            _waiting[w] = children + 1;
        }
    }

    // In a ring each link carries at most one hop at a time (a worker sends step j + 1 after its step j send is
    // serialized, and receives only from w − 1), so a hop runs at min(sender's uplink, receiver's downlink) from its
    // start: the network's times follow from a recurrence over the steps, O(N) a step instead of O(N log N) of events.
    private void RingByRecurrence(RoundTiming t)
    {
        var n = t.WorkerCount;
        var uplinks = Topology.UplinkArray;
        var downlinks = Topology.DownlinkArray;
        var sent = new long[n];
        var delivered = new long[n];
        var previousDelivered = new long[n];
        for (var j = 0; j < _steps; j++)
        {
            for (var w = 0; w < n; w++)
            {
                var receiver = (w + 1) % n;
                var from = (w + n - 1) % n;
                var begin = j == 0 ? t.ComputeEnd[w] : Math.Max(sent[w], previousDelivered[from]);
                if (j == 0)
                {
                    t.UploadStart[w] = begin;
                }

                var chunk = (((w - j) % n) + n) % n;
                var payload = Operation == CollectiveOperation.AllReduce
                    ? (((chunk + 1) * _reduceSize) / n) - ((chunk * _reduceSize) / n)
                    : _size[chunk];
                _carried += payload;
                var down = downlinks[receiver];
                var rate = Math.Min(uplinks[w].Bandwidth.BitsPerSecond, down.Bandwidth.BitsPerSecond);
                var bits = (Int128)down.WireSize(DataSize.FromBytes(payload)).Bits * 1_000_000_000;
                sent[w] = begin + FairShareTreap.CeilingDivide(bits, rate);
                delivered[w] = sent[w] + uplinks[w].Latency.Nanoseconds + down.Latency.Nanoseconds;
            }

            (previousDelivered, delivered) = (delivered, previousDelivered);
        }

        for (var w = 0; w < n; w++)
        {
            t.Reported[w] = previousDelivered[(w + n - 1) % n];
        }
    }

    private void OnComputed(int w)
    {
        _computed[w] = true;
        if (_timing.WorkerCount == 1)
        {
            _timing.UploadStart[w] = Now;
            HasResult(w);
        }
        else if (Kind == CollectiveKind.Ring)
        {
            TrySend(w);
        }
        else
        {
            UpReady(w);
        }
    }

    private void TrySend(int w)
    {
        var j = _step[w];
        if (!_computed[w] || _sending[w] || j == _steps || _received[w] < j)
        {
            return;
        }

        var n = _timing.WorkerCount;
        var chunk = (((w - j) % n) + n) % n;
        var payload = Operation == CollectiveOperation.AllReduce
            ? (((chunk + 1) * _reduceSize) / n) - ((chunk * _reduceSize) / n)
            : _size[chunk];
        if (j == 0)
        {
            _timing.UploadStart[w] = Now;
        }

        _sending[w] = true;
        _carried += payload;
        Network.Forward(w, (w + 1) % n, DataSize.FromBytes(payload), _onRingDelivered, _onRingSent);
    }

    private void OnRingSent(Transfer hop)
    {
        var w = hop.Sender;
        _sending[w] = false;
        _step[w]++;
        TrySend(w);
    }

    private void OnRingDelivered(Transfer hop)
    {
        var w = hop.Worker;
        if (++_received[w] == _steps)
        {
            HasResult(w);
        }

        TrySend(w);
    }

    private void Finish(RoundTiming t)
    {
        var uploads = 0;
        var idle = 0;
        var bytes = 0L;
        var last = t.Start.Nanoseconds;
        for (var w = 0; w < t.WorkerCount; w++)
        {
            uploads += t.Uploads[w] ? 1 : 0;
            idle += t.Idle[w] ? 1 : 0;
            bytes += t.UploadBytes[w];
            t.IngressArrival[w] = t.ReceiveStart[w] = t.UploadStart[w];
            t.ReceiveEnd[w] = t.Reported[w];
            last = Math.Max(last, t.Reported[w]);
        }

        t.BroadcastDone = t.Start;
        t.BroadcastDepth = 0;
        t.UploadCount = uploads;
        t.IdleCount = idle;
        t.UploadedBytes = DataSize.FromBytes(bytes);
        t.CarriedBytes = DataSize.FromBytes(_carried);
        t.AggregationStart = SimTime.FromNanoseconds(last);
        t.End = t.AggregationStart + Options.AggregationTime;
        if (_trace is not null)
        {
            TopologyRounds.Write(_trace, t, Options.ModelSize, broadcast: false);
        }
    }
}
