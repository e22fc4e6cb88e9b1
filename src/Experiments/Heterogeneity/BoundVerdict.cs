namespace Sasg.Experiments.Heterogeneity;

/// <summary>What a measured ratio C_LAG / C_GD says about the predicted bound 1 - DeltaC.</summary>
public enum BoundVerdict
{
    /// <summary>Inside the theorem's conditions and the ratio is more than <see cref="BoundVerdicts.Tolerance"/> above
    /// the bound: the prediction failed.</summary>
    Violated,

    /// <summary>Inside the theorem's conditions and the ratio is at or below the bound.</summary>
    Holds,

    /// <summary>The run's step or weights do not meet the theorem's conditions: no bound applies, no verdict.</summary>
    Outside,

    /// <summary>Inside the conditions, but GD or the LAG method missed the target within the budget: no ratio.</summary>
    NotReached,
}
