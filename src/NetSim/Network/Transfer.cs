namespace Sasg.NetSim.Network;

/// <summary>What a <see cref="Transfer"/> carries and over which links.</summary>
public enum TransferKind
{
    /// <summary>Worker to server: the worker's uplink, then the server's ingress under its policy.</summary>
    Upload,

    /// <summary>Server to worker: the worker's downlink.</summary>
    Download,

    /// <summary>Worker to worker (a binomial-tree hop): the receiver's downlink, at most the sender's uplink capacity.</summary>
    Forward,

    /// <summary>Worker to server outside the ingress (a skip notice): the worker's uplink only.</summary>
    Notice,
}

/// <summary>One message in a <see cref="FlowNetwork"/>: who sends it, its size on the wire and when it moved.</summary>
/// <remarks>
/// Times are integer nanoseconds of the network's <see cref="Kernel.Simulation"/>; a time not reached yet is -1.
/// The object is the handle to <see cref="FlowNetwork.Abort"/> the transfer; read it, do not keep it past the run.
/// </remarks>
public sealed class Transfer
{
    internal Transfer(FlowNetwork network, TransferKind kind, int worker, int sender, DataSize payload, long wireBits, long start)
    {
        Network = network;
        Kind = kind;
        Worker = worker;
        Sender = sender;
        Payload = payload;
        WireBits = wireBits;
        Remaining = (Int128)wireBits * FlowNetwork.NanosecondsPerSecond;
        Start = start;
        Since = start;
    }

    /// <summary>What the transfer carries and over which links.</summary>
    public TransferKind Kind { get; }

    /// <summary>The worker whose link it uses: the sender of an upload or notice, the receiver of a download or forward.</summary>
    public int Worker { get; }

    /// <summary>The sending worker of a <see cref="TransferKind.Forward"/>; -1 (the server) for a download; <see cref="Worker"/> otherwise.</summary>
    public int Sender { get; }

    /// <summary>The server an upload goes to (0 unless the network has several); 0 for other transfers.</summary>
    public int Server { get; internal set; }

    /// <summary>The payload, before overhead and framing.</summary>
    public DataSize Payload { get; }

    /// <summary>The bytes on the wire: payload plus the link's overhead and framing (<see cref="Link.WireSize"/>).</summary>
    public long WireBytes => WireBits / 8;

    /// <summary>When the transfer was started.</summary>
    public long Start { get; }

    /// <summary>An upload: when its first bit reached the server's ingress (start, uplink latency and connection delay);
    /// otherwise the start.</summary>
    public long Arrival { get; internal set; } = -1;

    /// <summary>An upload: when the ingress began taking it (after any wait in the sequential queue); otherwise the start.</summary>
    public long ReceiveStart { get; internal set; } = -1;

    /// <summary>When its last bit left the bottleneck link (an upload: when it was received, as <see cref="Delivered"/>).</summary>
    public long Sent { get; internal set; } = -1;

    /// <summary>When its last bit was in at the receiver; -1 until then (and forever once aborted).</summary>
    public long Delivered { get; internal set; } = -1;

    /// <summary>Whether it was aborted before delivery.</summary>
    public bool Aborted { get; internal set; }

    /// <summary>Whether it is still on its way (neither delivered nor aborted).</summary>
    public bool InProgress => Delivered < 0 && !Aborted;

    internal FlowNetwork Network { get; }

    internal long WireBits { get; }

    internal long Sequence;
    internal FlowState State;
    internal Action<Transfer>? OnDelivered;
    internal Action<Transfer>? OnSent;

    // Data left in bit·ns/s as of Since, sent at Rate bit/s from Since (direct flows; a fair flow's data lives in the
    // ingress's FairShareLink while it is there).
    internal Int128 Remaining;
    internal long Rate;
    internal long Since;
    internal int Version;
    internal int FairId = -1;

    // The transfer's place in its network observer's list of live transfers (FlowTracer), -1 when not on it.
    internal int ObserverSlot = -1;
    internal bool InFair;
    internal long Cap;

    // Positions in the uplink's and downlink's flow lists, -1 when not on them.
    internal int UpSlot = -1;
    internal int DownSlot = -1;
}

/// <summary>Where a transfer is in its life.</summary>
internal enum FlowState
{
    /// <summary>An upload before its first bit reaches the ingress.</summary>
    Latency,

    /// <summary>An upload whose first bit is at the ingress, not yet taken by the policy.</summary>
    Arrived,

    /// <summary>Waiting in the sequential ingress's queue.</summary>
    Queued,

    /// <summary>Sending on its links.</summary>
    Flowing,

    /// <summary>Serialized; its last bit is on its way (latency) to the receiver.</summary>
    InFlight,

    /// <summary>Delivered or aborted.</summary>
    Done,
}
