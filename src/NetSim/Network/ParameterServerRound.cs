using Sasg.NetSim.Kernel;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Network;

/// <summary>
/// A synchronous parameter-server round as a reusable model: broadcast the model, every worker computes, uploads
/// or skips, the server receives under its ingress policy, aggregates, and the next round starts.
/// </summary>
/// <remarks>
/// What each worker does comes from an <see cref="IRoundPlan"/>. The times inside a round are computed exactly in
/// integer nanoseconds by the broadcast and ingress schedules (the fast path, no calendar events); as a kernel process
/// (<see cref="Start"/>) the model waits one timeout per round, so it composes with other processes. Both paths give
/// identical times. The model never reads wall-clock time and draws noise only from seeded per-worker streams.
/// </remarks>
public sealed class ParameterServerRound : IRoundNetwork
{
    private readonly Link[] _uplinks;
    private readonly Link[] _downlinks;
    private readonly ITraceSink? _trace;
    private readonly ServerIngressMonitors? _monitors;
    private readonly RoundTiming _timing;
    private readonly IngressUpload[] _uploads;
    private readonly FairShareIngress _fairShare = new();
    private readonly Action<long, long>? _onUtilization;
    private readonly List<(long Time, double Delta)> _levelChanges = [];

    /// <summary>A round model of <paramref name="topology"/>'s workers.</summary>
    /// <param name="topology">The links and the server's ingress.</param>
    /// <param name="compute">The workers' compute model; it must have the same number of workers.</param>
    /// <param name="options">The server's side: policies, message sizes, aggregation time.</param>
    /// <param name="trace">Receives every span when given; observation only.</param>
    /// <param name="monitors">Time-weighted monitors of the server's ingress, filled when given.</param>
    /// <exception cref="ArgumentException">The compute model's worker count differs from the topology's.</exception>
    public ParameterServerRound(
        StarTopology topology,
        ComputeModel compute,
        ParameterServerOptions options,
        ITraceSink? trace = null,
        ServerIngressMonitors? monitors = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (compute.WorkerCount != topology.WorkerCount)
        {
            throw new ArgumentException(
                $"The compute model has {compute.WorkerCount} workers, the topology {topology.WorkerCount}.",
                nameof(compute));
        }

        Topology = topology;
        Compute = compute;
        Options = options;
        _uplinks = topology.UplinkArray;
        _downlinks = topology.DownlinkArray;
        _trace = trace;
        _monitors = monitors;
        _timing = new RoundTiming(topology.WorkerCount);
        _uploads = new IngressUpload[topology.WorkerCount];
        if (monitors is not null)
        {
            var capacity = (double)topology.ServerIngress.BitsPerSecond;
            _onUtilization = (time, rate) => monitors.Utilization.Update(SimTime.FromNanoseconds(time), rate / capacity);
        }
    }

    /// <summary>The links and the server's ingress.</summary>
    public StarTopology Topology { get; }

    /// <summary>The workers' compute model.</summary>
    public ComputeModel Compute { get; }

    /// <summary>The server's side of the round.</summary>
    public ParameterServerOptions Options { get; }

    /// <summary>The times of the round simulated last (one reused instance).</summary>
    public RoundTiming LastRound => _timing;

    /// <summary>Simulates round <paramref name="round"/> starting at <paramref name="start"/>; returns its times.</summary>
    /// <returns>The reused timing object, valid until the next call.</returns>
    public RoundTiming RunRound(int round, SimTime start, IRoundPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var t = _timing;
        t.Round = round;
        t.Start = start;
        t.BroadcastDepth = BroadcastSchedule.Compute(
            Topology, Options.Broadcast, Options.ModelSize, start.Nanoseconds, t.BroadcastSendStart, t.ModelReceived);

        var workers = t.WorkerCount;
        var broadcastDone = start.Nanoseconds;
        for (var w = 0; w < workers; w++)
        {
            var action = plan.Decide(round, w);
            var computeEnd = t.ModelReceived[w] + Compute.Duration(w, action.ComputeCost).Nanoseconds;
            broadcastDone = Math.Max(broadcastDone, t.ModelReceived[w]);
            t.ComputeEnd[w] = computeEnd;
            t.Uploads[w] = action.Uploads;
            t.Idle[w] = action.IsIdle && !action.Uploads;
            t.UploadBytes[w] = action.Uploads ? action.UploadSize.Bytes : 0;
            var pullsRequest = action.Uploads && Options.Ingress == IngressPolicy.SequentialPull;
            t.RequestReceived[w] = action.Uploads && action.NeedsServerRequest && !pullsRequest
                ? t.ModelReceived[w] + _downlinks[w].TransferTime(Options.RequestSize).Nanoseconds
                : -1;
            t.UploadStart[w] = Math.Max(computeEnd, t.RequestReceived[w]);
        }

        t.BroadcastDone = SimTime.FromNanoseconds(broadcastDone);
        ScheduleIngress(start.Nanoseconds);
        Finish();
        return t;
    }

    /// <summary>Simulates <paramref name="rounds"/> rounds from time zero on the fast path.</summary>
    /// <param name="plan">The workers' decisions.</param>
    /// <param name="rounds">The number of rounds.</param>
    /// <param name="onRoundCompleted">Called after each round with its times (the reused instance).</param>
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

    /// <summary>
    /// Runs the rounds as a process of <paramref name="simulation"/>, starting at its current time: the process waits
    /// until each round's end, calls <paramref name="onRoundCompleted"/>, and succeeds after the last round.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rounds"/> is negative.</exception>
    public Process Start(
        Simulation simulation, IRoundPlan plan, int rounds, Action<RoundTiming>? onRoundCompleted = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegative(rounds);
        return simulation.Process(Rounds(simulation, plan, rounds, onRoundCompleted), "parameter server");
    }

    private IEnumerable<Event> Rounds(
        Simulation simulation, IRoundPlan plan, int rounds, Action<RoundTiming>? onRoundCompleted)
    {
        for (var round = 0; round < rounds; round++)
        {
            var timing = RunRound(round, simulation.Now, plan);
            yield return simulation.Timeout(timing.End - simulation.Now);
            onRoundCompleted?.Invoke(timing);
        }
    }

    private void ScheduleIngress(long roundStart)
    {
        var t = _timing;
        var ingress = Topology.ServerIngress.BitsPerSecond;
        var count = 0;
        for (var w = 0; w < t.WorkerCount; w++)
        {
            if (!t.Uploads[w])
            {
                continue;
            }

            var up = _uplinks[w];
            var cap = Options.Ingress == IngressPolicy.Unlimited
                ? up.Bandwidth.BitsPerSecond
                : Math.Min(up.Bandwidth.BitsPerSecond, ingress);
            t.IngressArrival[w] = t.UploadStart[w] + up.Latency.Nanoseconds
                + up.ConnectionDelay(DataSize.FromBytes(t.UploadBytes[w]), _downlinks[w], cap);
            _uploads[count++] = new IngressUpload
            {
                Arrival = t.IngressArrival[w],
                Worker = w,
                Bits = up.WireSize(DataSize.FromBytes(t.UploadBytes[w])).Bits,
                Cap = cap,
            };
        }

        var uploads = _uploads.AsSpan(0, count);
        switch (Options.Ingress)
        {
            case IngressPolicy.SequentialPull:
                Pull(uploads, roundStart);
                break;
            case IngressPolicy.FairShare:
                uploads.Sort();
                foreach (var upload in uploads)
                {
                    t.ReceiveStart[upload.Worker] = upload.Arrival;
                }

                _fairShare.Run(uploads, ingress, t.ReceiveEnd, _onUtilization);
                break;
            case IngressPolicy.Unlimited:
                foreach (var upload in uploads)
                {
                    Receive(upload, upload.Arrival);
                }

                break;
            default:
                uploads.Sort();
                var free = long.MinValue;
                foreach (var upload in uploads)
                {
                    free = Receive(upload, Math.Max(upload.Arrival, free));
                }

                break;
        }
    }

    // The pull server asks uploading workers in worker order, one at a time: the request follows the model on the
    // worker's downlink, the worker sends when it has both the request and its result, and the next request leaves
    // when the previous upload's last byte is in.
    private void Pull(Span<IngressUpload> uploads, long roundStart)
    {
        var t = _timing;
        var free = roundStart;
        foreach (var upload in uploads)
        {
            var w = upload.Worker;
            var down = _downlinks[w];
            var request = down.TransferTime(Options.RequestSize).Nanoseconds;
            var arrives = Math.Max(free + request + down.Latency.Nanoseconds, t.ModelReceived[w] + request);
            t.RequestReceived[w] = arrives;
            t.UploadStart[w] = Math.Max(t.ComputeEnd[w], arrives);
            t.IngressArrival[w] = t.UploadStart[w] + _uplinks[w].Latency.Nanoseconds
                + _uplinks[w].ConnectionDelay(DataSize.FromBytes(t.UploadBytes[w]), down, upload.Cap);
            free = Receive(upload, t.IngressArrival[w]);
        }
    }

    private long Receive(in IngressUpload upload, long start)
    {
        var t = _timing;
        var end = start + DataSize.CeilingNanoseconds((Int128)upload.Bits * 1_000_000_000, upload.Cap);
        t.ReceiveStart[upload.Worker] = start;
        t.ReceiveEnd[upload.Worker] = end;
        return end;
    }

    private void Finish()
    {
        var t = _timing;
        var aggregationStart = t.BroadcastDone.Nanoseconds;
        var uploads = 0;
        var idle = 0;
        var bytes = 0L;
        for (var w = 0; w < t.WorkerCount; w++)
        {
            if (t.Uploads[w])
            {
                uploads++;
                bytes += t.UploadBytes[w];
                t.Reported[w] = t.ReceiveEnd[w];
            }
            else
            {
                // An idle worker sends nothing: it is "reported" when it has the model and adds no time.
                t.UploadStart[w] = t.IngressArrival[w] = t.ReceiveStart[w] = t.ReceiveEnd[w] = t.ComputeEnd[w];
                idle += t.Idle[w] ? 1 : 0;
                t.Reported[w] = t.Idle[w]
                    ? t.ComputeEnd[w]
                    : t.ComputeEnd[w] + _uplinks[w].DeliveryTime(Options.SkipNoticeSize).Nanoseconds;
            }

            aggregationStart = Math.Max(aggregationStart, t.Reported[w]);
        }

        t.UploadCount = uploads;
        t.IdleCount = idle;
        t.UploadedBytes = DataSize.FromBytes(bytes);
        t.CarriedBytes = t.UploadedBytes;
        t.AggregationStart = SimTime.FromNanoseconds(aggregationStart);
        t.End = t.AggregationStart + Options.AggregationTime;
        if (_monitors is not null)
        {
            UpdateMonitors(_monitors);
        }

        if (_trace is not null)
        {
            RoundTracer.Write(_trace, t, Options);
        }
    }

    private void UpdateMonitors(ServerIngressMonitors monitors)
    {
        var t = _timing;
        var changes = _levelChanges;
        if (Options.Ingress != IngressPolicy.FairShare)
        {
            changes.Clear();
            var capacity = (double)Topology.ServerIngress.BitsPerSecond;
            for (var w = 0; w < t.WorkerCount; w++)
            {
                if (t.Uploads[w] && t.ReceiveEnd[w] > t.ReceiveStart[w])
                {
                    var cap = Options.Ingress == IngressPolicy.Unlimited
                        ? _uplinks[w].Bandwidth.BitsPerSecond
                        : Math.Min(_uplinks[w].Bandwidth.BitsPerSecond, Topology.ServerIngress.BitsPerSecond);
                    changes.Add((t.ReceiveStart[w], cap / capacity));
                    changes.Add((t.ReceiveEnd[w], -cap / capacity));
                }
            }

            Apply(monitors.Utilization, changes);
        }

        changes.Clear();
        for (var w = 0; w < t.WorkerCount; w++)
        {
            var arrival = t.IngressArrival[w];
            if (t.Uploads[w] && Options.Ingress == IngressPolicy.SequentialPush && t.ReceiveStart[w] > arrival)
            {
                changes.Add((arrival, 1));
                changes.Add((t.ReceiveStart[w], -1));
            }
        }

        Apply(monitors.QueueLength, changes);
    }

    // Decreases first at equal times, so a zero-length overlap never raises the maximum.
    private static void Apply(TimeWeightedMonitor monitor, List<(long Time, double Delta)> changes)
    {
        changes.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Delta.CompareTo(b.Delta));
        foreach (var (time, delta) in changes)
        {
            monitor.Add(SimTime.FromNanoseconds(time), delta);
        }
    }
}
