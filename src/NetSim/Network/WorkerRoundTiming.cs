using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

/// <summary>One worker's times in one round.</summary>
/// <param name="Worker">The worker index.</param>
/// <param name="Uploaded">Whether it uploaded (false: it skipped).</param>
/// <param name="UploadSize">The payload uploaded (zero when skipping).</param>
/// <param name="ModelReceived">When the model's last byte arrived; compute starts then.</param>
/// <param name="ComputeEnd">When its computation ended.</param>
/// <param name="RequestReceived">When the server's request arrived, or null when none was needed.</param>
/// <param name="UploadStart">When it started sending (compute end, or later when waiting for a request).</param>
/// <param name="ReceiveStart">When the server started receiving its upload.</param>
/// <param name="ReceiveEnd">When the server had received its upload's last byte.</param>
/// <param name="Reported">When the server knew its outcome: the receive end, or the skip notice's arrival.</param>
public readonly record struct WorkerRoundTiming(
    int Worker,
    bool Uploaded,
    DataSize UploadSize,
    SimTime ModelReceived,
    SimTime ComputeEnd,
    SimTime? RequestReceived,
    SimTime UploadStart,
    SimTime ReceiveStart,
    SimTime ReceiveEnd,
    SimTime Reported);
