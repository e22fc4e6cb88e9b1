namespace Sasg.Experiments.Heterogeneity;

/// <summary>Whether a run's step and weights are inside LAG's theorem (<see cref="LagTheorem.Check"/>).</summary>
/// <param name="IsInside">True when every condition holds.</param>
/// <param name="Failure">The first condition that fails, in words (null inside).</param>
/// <param name="Fix">Constants that would meet the conditions (null inside).</param>
public sealed record TheoremCheck(bool IsInside, string? Failure, string? Fix)
{
    /// <summary>The check of a run inside the conditions.</summary>
    public static TheoremCheck Inside { get; } = new(true, null, null);
}
