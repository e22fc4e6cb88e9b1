using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

/// <summary>
/// The times of one parameter-server round: round start, broadcast done, each worker's compute end and upload
/// start/end, aggregation and round end.
/// </summary>
/// <remarks>
/// One instance is reused for every round of a <see cref="ParameterServerRound"/>; copy what you need inside the
/// round callback. Upload fields of a skipping or idle worker equal its compute end (an idle worker's compute end is
/// when it had the model).
/// </remarks>
public sealed class RoundTiming
{
    internal RoundTiming(int workers)
    {
        WorkerCount = workers;
        ModelReceived = new long[workers];
        BroadcastSendStart = new long[workers];
        ComputeEnd = new long[workers];
        RequestReceived = new long[workers];
        Uploads = new bool[workers];
        Idle = new bool[workers];
        UploadBytes = new long[workers];
        UploadStart = new long[workers];
        IngressArrival = new long[workers];
        ReceiveStart = new long[workers];
        ReceiveEnd = new long[workers];
        Reported = new long[workers];
    }

    /// <summary>The round, 0-based.</summary>
    public int Round { get; internal set; }

    /// <summary>The number of workers.</summary>
    public int WorkerCount { get; }

    /// <summary>When the round started (the previous round's end).</summary>
    public SimTime Start { get; internal set; }

    /// <summary>When the last worker had the model.</summary>
    public SimTime BroadcastDone { get; internal set; }

    /// <summary>The broadcast's depth in hops: 1 for parallel and sequential, ceil(log2(M + 1)) for the tree.</summary>
    public int BroadcastDepth { get; internal set; }

    /// <summary>When every worker had uploaded or reported a skip, and aggregation started.</summary>
    public SimTime AggregationStart { get; internal set; }

    /// <summary>When aggregation ended; the next round starts then.</summary>
    public SimTime End { get; internal set; }

    /// <summary>The number of workers that uploaded.</summary>
    public int UploadCount { get; internal set; }

    /// <summary>The number of idle workers (<see cref="WorkerAction.Idle"/>: not asked, no compute and no message); the
    /// workers that skipped are the rest, <see cref="WorkerCount"/> - <see cref="UploadCount"/> - this.</summary>
    public int IdleCount { get; internal set; }

    /// <summary>The payload bytes uploaded in this round (overheads excluded).</summary>
    public DataSize UploadedBytes { get; internal set; }

    /// <summary>The payload bytes the round's gradient exchange carried, summed over every hop: on a star the uploads
    /// (<see cref="UploadedBytes"/>); on a hierarchy the uploads plus the aggregators' forwards; sharded, the slices;
    /// under a collective, every step's messages.</summary>
    public DataSize CarriedBytes { get; internal set; }

    internal long[] ModelReceived { get; }

    internal long[] BroadcastSendStart { get; }

    internal long[] ComputeEnd { get; }

    // -1 when the worker needed no request.
    internal long[] RequestReceived { get; }

    internal bool[] Uploads { get; }

    // True for a worker that is idle this round (never true for an uploading worker).
    internal bool[] Idle { get; }

    internal long[] UploadBytes { get; }

    internal long[] UploadStart { get; }

    // When the upload's first byte reaches the server's ingress (upload start plus uplink latency).
    internal long[] IngressArrival { get; }

    internal long[] ReceiveStart { get; }

    internal long[] ReceiveEnd { get; }

    internal long[] Reported { get; }

    /// <summary>The times of <paramref name="worker"/> in this round.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="worker"/> is not a worker.</exception>
    public WorkerRoundTiming this[int worker] => new(
        worker,
        Uploads[worker],
        DataSize.FromBytes(UploadBytes[worker]),
        SimTime.FromNanoseconds(ModelReceived[worker]),
        SimTime.FromNanoseconds(ComputeEnd[worker]),
        RequestReceived[worker] >= 0 ? SimTime.FromNanoseconds(RequestReceived[worker]) : null,
        SimTime.FromNanoseconds(UploadStart[worker]),
        SimTime.FromNanoseconds(ReceiveStart[worker]),
        SimTime.FromNanoseconds(ReceiveEnd[worker]),
        SimTime.FromNanoseconds(Reported[worker]));
}
