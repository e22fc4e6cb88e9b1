using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

/// <summary>What one worker does in one round: compute for a cost, then upload a payload or skip.</summary>
/// <param name="ComputeCost">The nominal compute time, before the worker's compute factor and noise.</param>
/// <param name="Uploads">Whether the worker uploads this round.</param>
/// <param name="UploadSize">The payload bytes uploaded (zero when skipping); per-message overhead is added on the wire.</param>
/// <param name="NeedsServerRequest">Whether the upload waits for a server-to-worker request message (LAG-PS).</param>
public readonly record struct WorkerAction(SimTime ComputeCost, bool Uploads, DataSize UploadSize, bool NeedsServerRequest)
{
    /// <summary>Compute for <paramref name="computeCost"/>, then upload <paramref name="size"/>.</summary>
    public static WorkerAction Upload(DataSize size, SimTime computeCost, bool needsServerRequest = false)
    {
        return new WorkerAction(computeCost, true, size, needsServerRequest);
    }

    /// <summary>Nothing this round (a worker the server did not ask: LAG-PS, LASG-PS, IAG): no compute, no upload and
    /// no skip notice, so the worker adds no time to the round beyond receiving the model.</summary>
    public static WorkerAction Idle { get; } = new(SimTime.Zero, false, DataSize.Zero, false) { IsIdle = true };

    /// <summary>Whether the worker is idle this round (<see cref="Idle"/>).</summary>
    public bool IsIdle { get; init; }

    /// <summary>Compute for <paramref name="computeCost"/>, then skip the upload (LAG, LASG, SASG).</summary>
    public static WorkerAction Skip(SimTime computeCost) => new(computeCost, false, DataSize.Zero, false);
}
