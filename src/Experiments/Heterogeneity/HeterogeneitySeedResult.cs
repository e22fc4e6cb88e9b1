namespace Sasg.Experiments.Heterogeneity;

/// <summary>One seed of a heterogeneity report: the prediction for its data and what GD, LAG-WK and LAG-PS measured.</summary>
/// <param name="Seed">The scenario seed of this run.</param>
/// <param name="Prediction">DeltaC and the bound for this seed's data.</param>
/// <param name="Gd">GD's uploads to the target (C_GD).</param>
/// <param name="LagWk">LAG-WK's uploads to the target.</param>
/// <param name="LagPs">LAG-PS's uploads to the target.</param>
public sealed record HeterogeneitySeedResult(
    long Seed, HeterogeneityPrediction Prediction, UploadsToTarget Gd, UploadsToTarget LagWk, UploadsToTarget LagPs)
{
    /// <summary>Measured C_LAG-WK / C_GD, NaN when either missed the target.</summary>
    public double LagWkRatio => LagWk.RatioTo(Gd);

    /// <summary>Measured C_LAG-PS / C_GD, NaN when either missed the target.</summary>
    public double LagPsRatio => LagPs.RatioTo(Gd);

    /// <summary>LAG-WK's ratio against the bound at its own weights, or outside (<see cref="BoundVerdicts"/>).</summary>
    public BoundVerdict LagWkVerdict => BoundVerdicts.Judge(LagWkRatio, Prediction.LagWk.Bound, Prediction.LagWkCheck);

    /// <summary>LAG-PS's ratio against the bound at its own weights, or outside (<see cref="BoundVerdicts"/>).</summary>
    public BoundVerdict LagPsVerdict => BoundVerdicts.Judge(LagPsRatio, Prediction.LagPs.Bound, Prediction.LagPsCheck);
}
