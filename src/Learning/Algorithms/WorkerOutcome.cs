namespace Sasg.Learning.Algorithms;

/// <summary>One worker's part of one iteration: what it decided and what it sent.</summary>
/// <param name="Worker">The worker's index.</param>
/// <param name="Decision">Not requested, skip or upload.</param>
/// <param name="UploadBytes">The length of the encoded upload; 0 unless it uploaded.</param>
/// <param name="PaperBits">The bits the papers count for this upload (32 per dense coordinate, 64 per sparse entry, b per
/// coordinate for quantizing methods; see <see cref="DistributedAlgorithm{T}.PaperBits"/>).</param>
/// <param name="Requested">Whether the server sent this worker a request message (LAG-PS style methods).</param>
public readonly record struct WorkerOutcome(int Worker, WorkerDecision Decision, int UploadBytes, long PaperBits, bool Requested);
