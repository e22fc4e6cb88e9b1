using Sasg.NetSim.Kernel;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Network;

/// <summary>
/// The synchronous parameter-server round of <see cref="ParameterServerRound"/> run as messages over a
/// <see cref="FlowNetwork"/>: the server broadcasts the model (every <see cref="BroadcastMode"/>, the tree by
/// worker-to-worker hops), each worker computes when its model is in, then uploads (after its request, when it needs
/// one) or sends a skip notice; the pull policy is a server process that asks uploading workers one at a time in
/// worker order; the round ends the aggregation time after the last report.
/// </summary>
/// <remarks>
/// On fixed-rate links every <see cref="RoundTiming"/> field equals the closed form's to the nanosecond (a property
/// test checks it); with capacity schedules this is the round that follows them (the closed form ignores them). The
/// round owns its <see cref="Kernel.Simulation"/>; rounds run in time order (a round starting before the last one's
/// clock starts a fresh simulation, since schedules are absolute). A request (LAG-PS) leaves the server as the model's
/// last bit clears the worker's downlink, as in the closed form; a pull request waits for that too.
/// </remarks>
public sealed partial class EventDrivenRound : IRoundNetwork
{
    private readonly IReadOnlyList<ICapacitySchedule?>? _uplinkCapacity;
    private readonly IReadOnlyList<ICapacitySchedule?>? _downlinkCapacity;
    private readonly ICapacitySchedule? _ingressCapacity;
    private readonly ITraceSink? _trace;
    private readonly RoundTiming _timing;
    private readonly WorkerAction[] _actions;
    private readonly long[] _computeTime;
    private readonly long[] _clear;
    private readonly bool[] _computed;
    private readonly bool[] _requested;
    private readonly int[] _treeStride;
    private readonly List<int> _pullOrder = [];
    private readonly Action<Transfer> _onModel;
    private readonly Action<Transfer> _onModelSent;
    private readonly Action<Transfer> _onRequest;
    private readonly Action<Transfer> _onUpload;
    private readonly Action<Transfer> _onNotice;
    private readonly Action<int> _onComputed;
    private readonly Action<int> _onClear;
    private int _pullNext;
    private int _pullWaiting = -1;
    private int _pending;

    /// <summary>A round model of <paramref name="topology"/>'s workers over an event-driven network.</summary>
    /// <param name="topology">The links and the server's ingress.</param>
    /// <param name="compute">The workers' compute model; it must have the same number of workers.</param>
    /// <param name="options">The server's side: policies, message sizes, aggregation time.</param>
    /// <param name="uplinkCapacity">Each worker's uplink capacity over time (null: fixed links).</param>
    /// <param name="downlinkCapacity">Each worker's downlink capacity over time (null: fixed links).</param>
    /// <param name="ingressCapacity">The ingress capacity over time (null: fixed).</param>
    /// <param name="trace">Receives every span when given (the closed form's records); observation only.</param>
    /// <exception cref="ArgumentException">The compute model's worker count differs from the topology's.</exception>
    public EventDrivenRound(
        StarTopology topology,
        ComputeModel compute,
        ParameterServerOptions options,
        IReadOnlyList<ICapacitySchedule?>? uplinkCapacity = null,
        IReadOnlyList<ICapacitySchedule?>? downlinkCapacity = null,
        ICapacitySchedule? ingressCapacity = null,
        ITraceSink? trace = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (compute.WorkerCount != topology.WorkerCount)
        {
            throw new ArgumentException(
                $"The compute model has {compute.WorkerCount} workers, the topology {topology.WorkerCount}.", nameof(compute));
        }

        Topology = topology;
        Compute = compute;
        Options = options;
        _uplinkCapacity = uplinkCapacity;
        _downlinkCapacity = downlinkCapacity;
        _ingressCapacity = ingressCapacity;
        _trace = trace;
        var workers = topology.WorkerCount;
        _timing = new RoundTiming(workers);
        _actions = new WorkerAction[workers];
        _computeTime = new long[workers];
        _clear = new long[workers];
        _computed = new bool[workers];
        _requested = new bool[workers];
        _treeStride = new int[workers + 1];
        _onModel = OnModel;
        _onModelSent = OnModelSent;
        _onRequest = OnRequest;
        _onUpload = OnUpload;
        _onNotice = OnNotice;
        _onComputed = OnComputed;
        _onClear = OnClear;
        (Simulation, Network) = CreateNetwork();
    }

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

    private long Now => Simulation.Now.Nanoseconds;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The round cannot finish (a link's capacity stays at 0).</exception>
    public RoundTiming RunRound(int round, SimTime start, IRoundPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (start < Simulation.Now)
        {
            (Simulation, Network) = CreateNetwork();
        }

        Simulation.Run(start);
        var t = _timing;
        t.Round = round;
        t.Start = start;
        var pull = Options.Ingress == IngressPolicy.SequentialPull;
        _pullOrder.Clear();
        for (var w = 0; w < t.WorkerCount; w++)
        {
            var action = plan.Decide(round, w);
            _actions[w] = action;
            _computeTime[w] = Compute.Duration(w, action.ComputeCost).Nanoseconds;
            t.Uploads[w] = action.Uploads;
            t.Idle[w] = action.IsIdle && !action.Uploads;
            t.UploadBytes[w] = action.Uploads ? action.UploadSize.Bytes : 0;
            t.RequestReceived[w] = -1;
            _clear[w] = -1;
            _computed[w] = false;
            _requested[w] = !action.Uploads || (!pull && !action.NeedsServerRequest);
            if (pull && action.Uploads)
            {
                _pullOrder.Add(w);
            }
        }

        _pending = 2 * t.WorkerCount;
        _pullNext = 0;
        _pullWaiting = -1;
        Broadcast(t);
        if (pull)
        {
            PullNext();
        }

        while (_pending > 0)
        {
            if (!Simulation.Step())
            {
                throw new InvalidOperationException($"Round {round} cannot finish: a link's capacity stays at 0.");
            }
        }

        Finish(t);
        return t;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounds"/> is negative.</exception>
    public ParameterServerRunSummary Run(IRoundPlan plan, int rounds, Action<RoundTiming>? onRoundCompleted = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rounds);
        var totals = new RunTotals();
        var now = SimTime.Zero;
        for (var round = 0; round < rounds; round++)
        {
            var timing = RunRound(round, now, plan);
            totals.Add(timing);
            onRoundCompleted?.Invoke(timing);
            now = timing.End;
        }

        return totals.Summary(rounds, now);
    }

    private (Simulation Simulation, FlowNetwork Network) CreateNetwork()
    {
        var simulation = new Simulation();
        return (simulation, new FlowNetwork(simulation, Topology, Options.Ingress, _uplinkCapacity, _downlinkCapacity, _ingressCapacity));
    }

    private void OnModel(Transfer model)
    {
        var w = model.Worker;
        _timing.ModelReceived[w] = Now;
        _timing.ComputeEnd[w] = Now + _computeTime[w];
        _pending--;
        if (Options.Broadcast == BroadcastMode.BinomialTree)
        {
            TreeSend(w + 1);
        }

        After(_computeTime[w], _onComputed, w);
    }

    private void OnComputed(int w)
    {
        _computed[w] = true;
        if (_actions[w].Uploads)
        {
            TryUpload(w);
        }
        else if (_timing.Idle[w])
        {
            _timing.Reported[w] = Now;
            _pending--;
        }
        else
        {
            Network.Notify(w, Options.SkipNoticeSize, _onNotice);
        }
    }

    private void OnRequest(Transfer request)
    {
        var w = request.Worker;
        _timing.RequestReceived[w] = Now;
        _requested[w] = true;
        TryUpload(w);
    }

    private void TryUpload(int w)
    {
        if (_computed[w] && _requested[w])
        {
            _timing.UploadStart[w] = Now;
            Network.Upload(w, _actions[w].UploadSize, _onUpload);
        }
    }

    private void OnUpload(Transfer upload)
    {
        var t = _timing;
        var w = upload.Worker;
        t.IngressArrival[w] = upload.Arrival;
        t.ReceiveStart[w] = upload.ReceiveStart;
        t.ReceiveEnd[w] = t.Reported[w] = Now;
        _pending--;
        if (Options.Ingress == IngressPolicy.SequentialPull)
        {
            PullNext();
        }
    }

    private void OnNotice(Transfer notice)
    {
        _timing.Reported[notice.Worker] = Now;
        _pending--;
    }

    // The pull server asks the next uploading worker once the previous upload is in (or at the round's start), and not
    // before the model has cleared that worker's downlink.
    private void PullNext()
    {
        if (_pullNext == _pullOrder.Count)
        {
            return;
        }

        var w = _pullOrder[_pullNext++];
        if (_clear[w] >= 0)
        {
            Network.Download(w, Options.RequestSize, _onRequest);
        }
        else
        {
            _pullWaiting = w;
        }
    }

    private void After(long delay, Action<int> action, int argument)
    {
        if (delay == 0)
        {
            action(argument);
        }
        else
        {
            Simulation.Schedule(new DelayedCall(Simulation, action, argument), SimTime.FromNanoseconds(delay));
        }
    }

    private void Finish(RoundTiming t)
    {
        var broadcastDone = t.Start.Nanoseconds;
        var uploads = 0;
        var idle = 0;
        var bytes = 0L;
        for (var w = 0; w < t.WorkerCount; w++)
        {
            broadcastDone = Math.Max(broadcastDone, t.ModelReceived[w]);
            if (t.Uploads[w])
            {
                uploads++;
                bytes += t.UploadBytes[w];
            }
            else
            {
                t.UploadStart[w] = t.IngressArrival[w] = t.ReceiveStart[w] = t.ReceiveEnd[w] = t.ComputeEnd[w];
                idle += t.Idle[w] ? 1 : 0;
            }
        }

        var aggregationStart = broadcastDone;
        for (var w = 0; w < t.WorkerCount; w++)
        {
            aggregationStart = Math.Max(aggregationStart, t.Reported[w]);
        }

        t.BroadcastDone = SimTime.FromNanoseconds(broadcastDone);
        t.UploadCount = uploads;
        t.IdleCount = idle;
        t.UploadedBytes = DataSize.FromBytes(bytes);
        t.CarriedBytes = t.UploadedBytes;
        t.AggregationStart = SimTime.FromNanoseconds(aggregationStart);
        t.End = t.AggregationStart + Options.AggregationTime;
        if (_trace is not null)
        {
            RoundTracer.Write(_trace, t, Options);
        }
    }

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
