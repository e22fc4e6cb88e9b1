namespace Sasg.Learning.Algorithms;

/// <summary>What a worker did in one iteration.</summary>
public enum WorkerDecision
{
    /// <summary>The server did not ask this worker (LAG-PS, LASG-PS, IAG): it computed and sent nothing.</summary>
    NotRequested,

    /// <summary>The worker computed a gradient but its rule chose to stay silent; the server reuses its last message.</summary>
    Skip,

    /// <summary>The worker sent a fresh payload.</summary>
    Upload,

    /// <summary>The worker was not among the workers sampled for this round (partial participation): it computed and
    /// sent nothing, and its per-worker state is as it was.</summary>
    NotSampled,
}
