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
/// <remarks>
/// <para>
/// One <see cref="FlowNetwork"/> with S ingresses: a worker's S model slices share its downlink (parallel: every
/// server sends to every worker at the start; sequential: each server sends to one worker after the other, the next
/// once the previous is serialized) and its S upload slices share its uplink. A worker computes once all its slices
/// are in (<see cref="WorkerRoundTiming.ModelReceived"/> = the last). Sizes come from <see cref="IMessageSizes"/>,
/// asked after every worker's decision: <see cref="IMessageSizes.ModelSlice"/> and <see cref="IMessageSizes.Slice"/>; a
/// slice of 0 bytes is a skip notice (<see cref="ParameterServerOptions.SkipNoticeSize"/>), as is every slice of a
/// skipping worker; an idle worker sends nothing.
/// </para>
/// <para>
/// Per worker, the ingress arrival and receive start are its first slice's, the receive end and
/// <see cref="WorkerRoundTiming.Reported"/> its last report's; its upload bytes (and
/// <see cref="RoundTiming.UploadedBytes"/>, <see cref="RoundTiming.CarriedBytes"/>) are the sum of its slices. With one
/// server this is the star's round (<see cref="EventDrivenRound"/>) exactly, when no upload is empty.
/// </para>
/// </remarks>
public sealed class ShardedRound : IRoundNetwork
{
    private readonly IReadOnlyList<Bandwidth> _serverIngress;
    private readonly IMessageSizes _sizes;
    private readonly ITraceSink? _trace;
    private readonly RoundTiming _timing;
    private readonly long[] _computeTime;
    private readonly long[] _slices;
    private readonly long[] _modelSlices;
    private readonly int[] _modelsLeft;
    private readonly int[] _reportsLeft;
    private readonly Action<Transfer> _onModel;
    private readonly Action<Transfer>[] _onModelSent;
    private readonly Action<Transfer> _onReport;
    private readonly Action<int> _onComputed;
    private readonly Func<bool> _done;
    private int _pending;

    /// <summary>A round model of <paramref name="serverIngress"/>.Count servers.</summary>
    /// <param name="workers">The workers' links (its <see cref="StarTopology.ServerIngress"/> is not used).</param>
    /// <param name="serverIngress">Each server's ingress (at least one).</param>
    /// <param name="compute">The workers' compute model.</param>
    /// <param name="options">The servers' side (the model size is split by <see cref="IMessageSizes.ModelSlice"/>).</param>
    /// <param name="sizes">The sizes of the slices.</param>
    /// <param name="trace">Receives the round's spans when given; observation only.</param>
    /// <exception cref="ArgumentException">No server, an ingress below 1 bit/s, the compute model's worker count
    /// differs, or the options ask for a binomial-tree broadcast or the sequential-pull ingress.</exception>
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
        options.Validate();
        TopologyRounds.CheckWorkers(workers, compute);
        HierarchicalRound.CheckServerSide(options, "sharded");
        if (serverIngress.Count == 0)
        {
            throw new ArgumentException("A sharded round needs at least one server.", nameof(serverIngress));
        }

        for (var s = 0; s < serverIngress.Count; s++)
        {
            if (serverIngress[s].BitsPerSecond <= 0)
            {
                throw new ArgumentException($"Server {s}'s ingress must be at least 1 bit/s.", nameof(serverIngress));
            }
        }

        Topology = workers;
        Compute = compute;
        Options = options;
        _serverIngress = [.. serverIngress];
        _sizes = sizes;
        _trace = trace;
        var m = workers.WorkerCount;
        _timing = new RoundTiming(m);
        _computeTime = new long[m];
        _slices = new long[m * Servers];
        _modelSlices = new long[Servers];
        _modelsLeft = new int[m];
        _reportsLeft = new int[m];
        _onModel = OnModel;
        _onModelSent = new Action<Transfer>[Servers];
        for (var s = 0; s < Servers; s++)
        {
            var server = s;
            _onModelSent[s] = model => OnModelSent(server, model);
        }

        _onReport = OnReport;
        _onComputed = OnComputed;
        _done = () => _pending == 0;
        (Simulation, Network) = CreateNetwork();
    }

    /// <summary>The number of servers, S.</summary>
    public int Servers => _serverIngress.Count;

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

    /// <summary>The network (S ingresses) the rounds' messages flow through.</summary>
    public FlowNetwork Network { get; private set; }

    private long Now => Simulation.Now.Nanoseconds;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">A worker needs a server request (LAG-PS), which a sharded round
    /// does not carry.</exception>
    public RoundTiming RunRound(int round, SimTime start, IRoundPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (start < Simulation.Now)
        {
            (Simulation, Network) = CreateNetwork();
        }

        Simulation.Run(start);
        var t = _timing;
        var m = t.WorkerCount;
        var servers = Servers;
        t.Round = round;
        t.Start = start;
        _pending = m;
        for (var w = 0; w < m; w++)
        {
            var action = plan.Decide(round, w);
            TopologyRounds.RefuseRequest(round, w, action, "sharded");
            _computeTime[w] = Compute.Duration(w, action.ComputeCost).Nanoseconds;
            t.Uploads[w] = action.Uploads;
            t.Idle[w] = action.IsIdle && !action.Uploads;
            t.RequestReceived[w] = -1;
            t.IngressArrival[w] = t.ReceiveStart[w] = long.MaxValue;
            t.ReceiveEnd[w] = -1;
            _modelsLeft[w] = servers;
            _reportsLeft[w] = t.Idle[w] ? 0 : servers;
            _pending += _reportsLeft[w];
        }

        for (var w = 0; w < m; w++)
        {
            var bytes = 0L;
            for (var s = 0; s < servers; s++)
            {
                var slice = t.Uploads[w] ? _sizes.Slice(round, w, s, servers).Bytes : 0;
                _slices[(w * servers) + s] = slice;
                bytes += slice;
            }

            t.UploadBytes[w] = bytes;
        }

        for (var s = 0; s < servers; s++)
        {
            _modelSlices[s] = _sizes.ModelSlice(s, servers).Bytes;
            if (Options.Broadcast == BroadcastMode.Parallel)
            {
                for (var w = 0; w < m; w++)
                {
                    SendModel(s, w);
                }
            }
            else
            {
                SendModel(s, 0);
            }
        }

        TopologyRounds.StepUntil(Simulation, _done, round);
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
        return (simulation, new FlowNetwork(simulation, Topology, Options.Ingress, _serverIngress));
    }

    private void SendModel(int server, int w)
    {
        if (server == 0)
        {
            _timing.BroadcastSendStart[w] = Now;
        }

        Network.Download(w, DataSize.FromBytes(_modelSlices[server]), _onModel, _onModelSent[server]);
    }

    private void OnModelSent(int server, Transfer model)
    {
        if (Options.Broadcast == BroadcastMode.Sequential && model.Worker + 1 < _timing.WorkerCount)
        {
            SendModel(server, model.Worker + 1);
        }
    }

    private void OnModel(Transfer model)
    {
        var w = model.Worker;
        if (--_modelsLeft[w] > 0)
        {
            return;
        }

        _timing.ModelReceived[w] = Now;
        _timing.ComputeEnd[w] = Now + _computeTime[w];
        _pending--;
        TopologyRounds.After(Simulation, _computeTime[w], _onComputed, w);
    }

    private void OnComputed(int w)
    {
        var t = _timing;
        if (t.Idle[w])
        {
            t.Reported[w] = Now;
            return;
        }

        t.UploadStart[w] = Now;
        var servers = Servers;
        for (var s = 0; s < servers; s++)
        {
            var slice = _slices[(w * servers) + s];
            if (slice > 0)
            {
                Network.Upload(w, s, DataSize.FromBytes(slice), _onReport);
            }
            else
            {
                Network.Notify(w, Options.SkipNoticeSize, _onReport);
            }
        }
    }

    private void OnReport(Transfer report)
    {
        var t = _timing;
        var w = report.Worker;
        if (report.Kind == TransferKind.Upload)
        {
            t.IngressArrival[w] = Math.Min(t.IngressArrival[w], report.Arrival);
            t.ReceiveStart[w] = Math.Min(t.ReceiveStart[w], report.ReceiveStart);
            t.ReceiveEnd[w] = Now;
        }

        t.Reported[w] = Now;
        _reportsLeft[w]--;
        _pending--;
    }

    private void Finish(RoundTiming t)
    {
        var broadcastDone = t.Start.Nanoseconds;
        var last = t.Start.Nanoseconds;
        var uploads = 0;
        var idle = 0;
        var bytes = 0L;
        for (var w = 0; w < t.WorkerCount; w++)
        {
            broadcastDone = Math.Max(broadcastDone, t.ModelReceived[w]);
            last = Math.Max(last, t.Reported[w]);
            bytes += t.UploadBytes[w];
            if (t.Uploads[w])
            {
                uploads++;
            }
            else
            {
                idle += t.Idle[w] ? 1 : 0;
            }

            if (t.ReceiveEnd[w] < 0)
            {
                // No slice was uploaded (a skip, an idle worker, or only empty slices): as the star's skips.
                t.UploadStart[w] = t.IngressArrival[w] = t.ReceiveStart[w] = t.ReceiveEnd[w] = t.ComputeEnd[w];
            }
        }

        t.BroadcastDone = SimTime.FromNanoseconds(broadcastDone);
        t.BroadcastDepth = 1;
        t.UploadCount = uploads;
        t.IdleCount = idle;
        t.UploadedBytes = t.CarriedBytes = DataSize.FromBytes(bytes);
        t.AggregationStart = SimTime.FromNanoseconds(Math.Max(broadcastDone, last));
        t.End = t.AggregationStart + Options.AggregationTime;
        if (_trace is not null)
        {
            TopologyRounds.Write(_trace, t, Options.ModelSize, broadcast: true);
        }
    }
}
