namespace Sasg.Experiments.Heterogeneity;

/// <summary>The predictions for one run's data: the bound at LAG-WK's and at LAG-PS's weights, whether each run is inside
/// the theorem's conditions, and the authors' script reference.</summary>
/// <param name="LagWk">At LAG-WK's step and weights (default xi_d = 1/D): its <see cref="HeterogeneityScore.PaperSaving"/>
/// is the DeltaC LAG-WK's ratio is judged against.</param>
/// <param name="Script">At the weights of the authors' script thresholds (linear: xi_d = 4/D; logistic: 1/D): its
/// <see cref="HeterogeneityScore.CodeSaving"/> is the <c>comm_save</c> the MATLAB script computes.</param>
/// <param name="LagPs">At LAG-PS's step and weights (default xi_d = 1, the code's, whose sum D is not below 1, so
/// outside the theorem): the DeltaC LAG-PS's ratio is judged against.</param>
public sealed record HeterogeneityPrediction(HeterogeneityScore LagWk, HeterogeneityScore Script, HeterogeneityScore LagPs)
{
    /// <summary>Whether LAG-WK's run is inside the theorem's conditions.</summary>
    public TheoremCheck LagWkCheck => LagTheorem.Check(LagWk);

    /// <summary>Whether LAG-PS's run is inside the theorem's conditions.</summary>
    public TheoremCheck LagPsCheck => LagTheorem.Check(LagPs);

    /// <summary>DeltaC in the paper form at LAG-WK's weights.</summary>
    public double Saving => LagWk.PaperSaving;

    /// <summary>The bound on LAG-WK's C_LAG / C_GD, 1 - DeltaC.</summary>
    public double Bound => LagWk.Bound;
}
