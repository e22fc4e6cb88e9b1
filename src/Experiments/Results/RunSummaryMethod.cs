namespace Sasg.Experiments.Results;

/// <summary>One method of a summary.json, as replay and plots read it.</summary>
/// <param name="Label">The method's label.</param>
/// <param name="Iterations">The iterations it ran, or null when the summary does not say.</param>
/// <param name="SimulatedSeconds">Its simulated time in seconds, or null when the summary does not say.</param>
public sealed record RunSummaryMethod(string Label, int? Iterations, double? SimulatedSeconds);
