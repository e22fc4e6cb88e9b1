namespace Sasg.NetSim.Trace;

/// <summary>What a trace record describes.</summary>
public enum TraceKind
{
    /// <summary>The model travelling from the server (or a tree parent) to a worker; the node is the receiving worker.</summary>
    Broadcast,

    /// <summary>A server-to-worker request message (LAG-PS, or the pull policy's turn); the node is the worker.</summary>
    Request,

    /// <summary>A worker computing its step.</summary>
    Compute,

    /// <summary>A worker's upload, from its first byte sent to its last byte received by the server.</summary>
    Upload,

    /// <summary>An upload waiting at the server's ingress before being taken (sequential push); the node is the worker.</summary>
    QueueWait,

    /// <summary>The server receiving a worker's upload; the node is the uploading worker.</summary>
    Receive,

    /// <summary>A worker skipping its upload this round (instant record, or the skip notice in flight).</summary>
    Skip,

    /// <summary>The server aggregating what arrived.</summary>
    Aggregate,

    /// <summary>A whole round at the server, from its start to the end of aggregation.</summary>
    Round,

    /// <summary>A worker offline (time-driven protocols, from its availability).</summary>
    Offline,

    /// <summary>A server update of a time-driven protocol (instant; the round is the update's number, the value the
    /// largest staleness among the messages it applied).</summary>
    Update,

    /// <summary>A worker link's rate changed (instant; the value is the sum of the rates of the worker's flows on that
    /// link in bit/s, the bytes 0 for the uplink and 1 for the downlink). trace.json only.</summary>
    Rate,
}
