namespace Sasg.Experiments.Heterogeneity;

/// <summary>How a measured ratio C_LAG / C_GD compares with the predicted bound 1 - DeltaC.</summary>
public enum BoundVerdict
{
    /// <summary>The ratio is more than <see cref="BoundVerdicts.Tolerance"/> above the bound: the prediction failed.</summary>
    Violated,

    /// <summary>The ratio is at or below the bound and within <see cref="BoundVerdicts.TightFraction"/> of it.</summary>
    Tight,

    /// <summary>The ratio is below the bound by more than <see cref="BoundVerdicts.TightFraction"/> of it.</summary>
    Loose,

    /// <summary>GD or the LAG method did not reach the target within the iteration budget, so there is no ratio.</summary>
    NotReached,
}
