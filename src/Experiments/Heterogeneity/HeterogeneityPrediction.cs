namespace Sasg.Experiments.Heterogeneity;

/// <summary>The predictions for one run's data: the bound from LAG-WK's weights, and two reference numbers.</summary>
/// <param name="LagWk">At LAG-WK's weights (default xi_d = 1/D): its <see cref="HeterogeneityScore.PaperSaving"/> is
/// the DeltaC the measured ratios are judged against.</param>
/// <param name="Script">At the weights of the authors' script thresholds (linear: xi_d = 4/D; logistic: 1/D): its
/// <see cref="HeterogeneityScore.CodeSaving"/> is the <c>comm_save</c> the MATLAB script computes.</param>
/// <param name="LagPs">At LAG-PS's weights (default xi_d = 1, the code's): for reference only, because their sum D
/// is not below 1 as the theorem requires.</param>
public sealed record HeterogeneityPrediction(HeterogeneityScore LagWk, HeterogeneityScore Script, HeterogeneityScore LagPs)
{
    /// <summary>DeltaC in the paper form at LAG-WK's weights.</summary>
    public double Saving => LagWk.PaperSaving;

    /// <summary>The bound on C_LAG / C_GD, 1 - DeltaC.</summary>
    public double Bound => LagWk.Bound;
}
