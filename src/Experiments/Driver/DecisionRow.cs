namespace Sasg.Experiments.Driver;

/// <summary>One worker's decision in one iteration (a row of decisions.csv, and the input of replay).</summary>
/// <param name="Algorithm">The method's label.</param>
/// <param name="Iteration">The iteration k.</param>
/// <param name="Worker">The worker.</param>
/// <param name="Decision">"upload", "skip", "not-requested" or "not-sampled".</param>
/// <param name="Bytes">Encoded upload bytes (0 unless it uploaded).</param>
/// <param name="ComputeNanoseconds">The modelled compute cost charged before the worker's speed factor.</param>
/// <param name="Requested">Whether the server sent this worker a request.</param>
public sealed record DecisionRow(
    string Algorithm, int Iteration, int Worker, string Decision, long Bytes, long ComputeNanoseconds, bool Requested);
