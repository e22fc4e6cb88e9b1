namespace Sasg.Experiments.Heterogeneity;

/// <summary>One value of a heterogeneity sweep and the report run at it.</summary>
/// <param name="Value">The swept value (a base, or a worker count); NaN for a report without a sweep.</param>
/// <param name="Outcome">The report at that value.</param>
public sealed record HeterogeneitySweepPoint(double Value, HeterogeneityOutcome Outcome);
