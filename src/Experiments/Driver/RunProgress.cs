namespace Sasg.Experiments.Driver;

/// <summary>Where a run stands, for progress displays.</summary>
/// <param name="Algorithm">The method's label.</param>
/// <param name="Iteration">Completed iterations.</param>
/// <param name="Iterations">The most iterations it will run.</param>
/// <param name="Uploads">Uploads so far.</param>
/// <param name="SimulatedSeconds">Simulated time so far.</param>
public readonly record struct RunProgress(string Algorithm, int Iteration, int Iterations, long Uploads, double SimulatedSeconds);
