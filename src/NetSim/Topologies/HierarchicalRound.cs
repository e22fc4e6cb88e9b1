using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Topologies;

/// <summary>
/// A synchronous round on a two-level tree: the server sends the model to the aggregators, each aggregator to its
/// workers; workers upload (or send a skip notice) to their aggregator, which forwards to the server (one merged
/// message, or each upload as is); the round ends the aggregation time after the server has every aggregator's report.
/// </summary>
/// <remarks>
/// <para>
/// Each level is a <see cref="FlowNetwork"/> on one simulation: the server's, whose "workers" are the aggregators
/// (their uplinks and downlinks, the server's ingress), and one per aggregator over its workers' links with the
/// aggregator's ingress. Both levels broadcast under <see cref="ParameterServerOptions.Broadcast"/> (parallel, or
/// sequential: each send after the previous is serialized; an aggregator starts once its model is in) and receive
/// under <see cref="ParameterServerOptions.Ingress"/> (sequential push, fair share or unlimited).
/// </para>
/// <para>
/// With <see cref="HierarchicalLayout.Merge"/>, an aggregator sends one message of
/// <see cref="IMessageSizes.Merged"/> bytes once all its non-idle workers have reported (a skip notice when none
/// uploaded); without it, each upload is forwarded as is when it is in, plus one skip notice once all have reported
/// if none uploaded. An aggregator whose workers are all idle sends nothing. Per worker, the ingress and receive times
/// and <see cref="WorkerRoundTiming.Reported"/> are its aggregator's; <see cref="RoundTiming.UploadedBytes"/> counts the
/// workers' uploads, <see cref="RoundTiming.CarriedBytes"/> those plus the aggregators' forwards.
/// </para>
/// </remarks>
public sealed partial class HierarchicalRound : IRoundNetwork
{
    private readonly IMessageSizes _sizes;
    private readonly ITraceSink? _trace;
    private readonly RoundTiming _timing;
    private readonly StarTopology _aggregators;
    private readonly StarTopology[] _groups;
    private readonly int[][] _members;
    private readonly int[] _local;
    private readonly long[] _computeTime;
    private readonly int[] _waiting;
    private readonly int[] _outstanding;
    private readonly List<int>[] _uploaders;
    private readonly Action<Transfer> _onAggregatorModel;
    private readonly Action<Transfer> _onAggregatorModelSent;
    private readonly Action<Transfer>[] _onWorkerModel;
    private readonly Action<Transfer>[] _onWorkerModelSent;
    private readonly Action<Transfer>[] _onWorkerReport;
    private readonly Action<Transfer> _onAggregatorReport;
    private readonly Action<int> _onComputed;
    private readonly Func<bool> _done;
    private FlowNetwork[] _groupNetworks = [];
    private readonly WorkerAction[] _actions;
    private int _round;
    private int _pending;
    private long _carried;
    private long _lastReport;

    /// <summary>A round model of a two-level tree.</summary>
    /// <param name="workers">The workers' links to and from their aggregators; its <see cref="StarTopology.ServerIngress"/>
    /// is the server's ingress from the aggregators.</param>
    /// <param name="layout">The groups and the aggregators' links.</param>
    /// <param name="compute">The workers' compute model.</param>
    /// <param name="options">The server's side (the ingress policy applies at the aggregators and at the server).</param>
    /// <param name="sizes">The sizes of merged messages.</param>
    /// <param name="trace">Receives the round's spans when given; observation only.</param>
    /// <exception cref="ArgumentException">The layout does not fit the workers (list sizes, a group out of range or
    /// empty, a null link), the compute model's worker count differs, or the options ask for a binomial-tree broadcast
    /// or the sequential-pull ingress.</exception>
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
        options.Validate();
        TopologyRounds.CheckWorkers(workers, compute);
        CheckServerSide(options, "hierarchical");
        var m = workers.WorkerCount;
        var g = CheckLayout(layout, m);
        Topology = workers;
        Layout = layout;
        Compute = compute;
        Options = options;
        _sizes = sizes;
        _trace = trace;
        _timing = new RoundTiming(m);
        _aggregators = new StarTopology(layout.AggregatorUplinks, layout.AggregatorDownlinks, workers.ServerIngress);
        _local = new int[m];
        var counts = new int[g];
        for (var w = 0; w < m; w++)
        {
            _local[w] = counts[layout.GroupOf[w]]++;
        }

        _members = new int[g][];
        _groups = new StarTopology[g];
        _uploaders = new List<int>[g];
        _onWorkerModel = new Action<Transfer>[g];
        _onWorkerModelSent = new Action<Transfer>[g];
        _onWorkerReport = new Action<Transfer>[g];
        for (var a = 0; a < g; a++)
        {
            _members[a] = new int[counts[a]];
            _uploaders[a] = [];
            var group = a;
            _onWorkerModel[a] = transfer => OnWorkerModel(group, transfer);
            _onWorkerModelSent[a] = transfer => OnWorkerModelSent(group, transfer);
            _onWorkerReport[a] = transfer => OnWorkerReport(group, transfer);
        }

        for (var w = 0; w < m; w++)
        {
            _members[layout.GroupOf[w]][_local[w]] = w;
        }

        for (var a = 0; a < g; a++)
        {
            var members = _members[a];
            _groups[a] = new StarTopology(
                members.Select(w => workers.Uplinks[w]).ToArray(),
                members.Select(w => workers.Downlinks[w]).ToArray(),
                layout.AggregatorIngress[a]);
        }

        _computeTime = new long[m];
        _actions = new WorkerAction[m];
        _waiting = new int[g];
        _outstanding = new int[g];
        _onAggregatorModel = OnAggregatorModel;
        _onAggregatorModelSent = OnAggregatorModelSent;
        _onAggregatorReport = OnAggregatorReport;
        _onComputed = OnComputed;
        _done = () => _pending == 0;
        (Simulation, Network) = CreateNetworks();
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
    public RoundTiming LastRound => _timing;

    /// <summary>The simulation the rounds run on.</summary>
    public Simulation Simulation { get; private set; }

    /// <summary>The server's network: its "workers" are the aggregators.</summary>
    public FlowNetwork Network { get; private set; }

    private long Now => Simulation.Now.Nanoseconds;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">A worker needs a server request (LAG-PS), which a hierarchy does not
    /// carry.</exception>
    public RoundTiming RunRound(int round, SimTime start, IRoundPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (start < Simulation.Now)
        {
            (Simulation, Network) = CreateNetworks();
        }

        Simulation.Run(start);
        var t = _timing;
        t.Round = _round = round;
        t.Start = start;
        foreach (var list in _uploaders)
        {
            list.Clear();
        }

        Array.Clear(_waiting);
        Array.Clear(_outstanding);
        for (var w = 0; w < t.WorkerCount; w++)
        {
            var action = plan.Decide(round, w);
            TopologyRounds.RefuseRequest(round, w, action, "hierarchical");
            _actions[w] = action;
            _computeTime[w] = Compute.Duration(w, action.ComputeCost).Nanoseconds;
            t.Uploads[w] = action.Uploads;
            t.Idle[w] = action.IsIdle && !action.Uploads;
            t.UploadBytes[w] = action.Uploads ? action.UploadSize.Bytes : 0;
            t.RequestReceived[w] = -1;
            var a = Layout.GroupOf[w];
            if (action.Uploads)
            {
                _uploaders[a].Add(w);
            }

            _waiting[a] += t.Idle[w] ? 0 : 1;
        }

        // Every worker's model, and every aggregator with a non-idle worker.
        _pending = t.WorkerCount + _waiting.Count(waiting => waiting > 0);
        _carried = 0;
        _lastReport = start.Nanoseconds;
        if (Options.Broadcast == BroadcastMode.Parallel)
        {
            for (var a = 0; a < Layout.GroupCount; a++)
            {
                Network.Download(a, Options.ModelSize, _onAggregatorModel, _onAggregatorModelSent);
            }
        }
        else
        {
            Network.Download(0, Options.ModelSize, _onAggregatorModel, _onAggregatorModelSent);
        }

        TopologyRounds.StepUntil(Simulation, _done, round);
        Finish(t);
        return t;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounds"/> is negative.</exception>
    public ParameterServerRunSummary Run(IRoundPlan plan, int rounds, Action<RoundTiming>? onRoundCompleted = null) =>
        TopologyRounds.Run(this, plan, rounds, onRoundCompleted);

    private (Simulation Simulation, FlowNetwork Network) CreateNetworks()
    {
        var simulation = new Simulation();
        _groupNetworks = _groups.Select(group => new FlowNetwork(simulation, group, Options.Ingress)).ToArray();
        return (simulation, new FlowNetwork(simulation, _aggregators, Options.Ingress));
    }

    private void OnAggregatorModel(Transfer model)
    {
        var a = model.Worker;
        var members = _members[a];
        if (Options.Broadcast == BroadcastMode.Parallel)
        {
            for (var i = 0; i < members.Length; i++)
            {
                SendModel(a, i);
            }
        }
        else
        {
            SendModel(a, 0);
        }
    }

    private void OnAggregatorModelSent(Transfer model)
    {
        if (Options.Broadcast == BroadcastMode.Sequential && model.Worker + 1 < Layout.GroupCount)
        {
            Network.Download(model.Worker + 1, Options.ModelSize, _onAggregatorModel, _onAggregatorModelSent);
        }
    }

    private void SendModel(int a, int local)
    {
        _timing.BroadcastSendStart[_members[a][local]] = Now;
        _groupNetworks[a].Download(local, Options.ModelSize, _onWorkerModel[a], _onWorkerModelSent[a]);
    }

    private void OnWorkerModelSent(int a, Transfer model)
    {
        if (Options.Broadcast == BroadcastMode.Sequential && model.Worker + 1 < _members[a].Length)
        {
            SendModel(a, model.Worker + 1);
        }
    }

    private void OnWorkerModel(int a, Transfer model)
    {
        var w = _members[a][model.Worker];
        _timing.ModelReceived[w] = Now;
        _timing.ComputeEnd[w] = Now + _computeTime[w];
        _pending--;
        TopologyRounds.After(Simulation, _computeTime[w], _onComputed, w);
    }

    private void OnComputed(int w)
    {
        var a = Layout.GroupOf[w];
        if (_actions[w].Uploads)
        {
            _timing.UploadStart[w] = Now;
            _groupNetworks[a].Upload(_local[w], _actions[w].UploadSize, _onWorkerReport[a]);
        }
        else if (!_timing.Idle[w])
        {
            _groupNetworks[a].Notify(_local[w], Options.SkipNoticeSize, _onWorkerReport[a]);
        }
    }

    private void OnWorkerReport(int a, Transfer report)
    {
        var t = _timing;
        var w = _members[a][report.Worker];
        t.Reported[w] = Now;
        if (report.Kind == TransferKind.Upload)
        {
            t.IngressArrival[w] = report.Arrival;
            t.ReceiveStart[w] = report.ReceiveStart;
            t.ReceiveEnd[w] = Now;
            if (!Layout.Merge)
            {
                Forward(a, report.Payload.Bytes);
            }
        }

        if (--_waiting[a] > 0)
        {
            return;
        }

        var uploaders = _uploaders[a];
        if (uploaders.Count == 0)
        {
            _outstanding[a]++;
            Network.Notify(a, Options.SkipNoticeSize, _onAggregatorReport);
        }
        else if (Layout.Merge)
        {
            Forward(a, _sizes.Merged(_round, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(uploaders)).Bytes);
        }
        else if (_outstanding[a] == 0)
        {
            AggregatorDone();
        }
    }

    private void Forward(int a, long bytes)
    {
        _outstanding[a]++;
        _carried += bytes;
        Network.Upload(a, DataSize.FromBytes(bytes), _onAggregatorReport);
    }

    private void OnAggregatorReport(Transfer report)
    {
        var a = report.Worker;
        if (--_outstanding[a] == 0 && _waiting[a] == 0)
        {
            AggregatorDone();
        }
    }

    private void AggregatorDone()
    {
        _lastReport = Math.Max(_lastReport, Now);
        _pending--;
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
                if (t.Idle[w])
                {
                    t.Reported[w] = t.ComputeEnd[w];
                }
            }
        }

        t.BroadcastDone = SimTime.FromNanoseconds(broadcastDone);
        t.BroadcastDepth = 2;
        t.UploadCount = uploads;
        t.IdleCount = idle;
        t.UploadedBytes = DataSize.FromBytes(bytes);
        t.CarriedBytes = DataSize.FromBytes(bytes + _carried);
        t.AggregationStart = SimTime.FromNanoseconds(Math.Max(broadcastDone, _lastReport));
        t.End = t.AggregationStart + Options.AggregationTime;
        if (_trace is not null)
        {
            TopologyRounds.Write(_trace, t, Options.ModelSize, broadcast: true);
        }
    }
}
