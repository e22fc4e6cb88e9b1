namespace Sasg.Experiments.Scenarios;

/// <summary>One step of a piecewise-constant schedule: from <paramref name="AtEpoch"/> on, use <paramref name="StepSize"/>.</summary>
/// <param name="AtEpoch">The epoch (fractional allowed, at least 0) from which the step size applies.</param>
/// <param name="StepSize">The new step size (positive).</param>
public sealed record ScenarioStepChange(double AtEpoch, double StepSize);
