namespace Sasg.Learning.Algorithms;

/// <summary>The right-hand side of the lazy-aggregation rules:
/// RHS^k = (1 / (alpha^2 M^2)) * sum_{d=1..D} xi_d ||theta^{k+1-d} - theta^{k-d}||^2.</summary>
/// <remarks>
/// LAG (Chen et al. 2018, eq. 15) and LASG use D = 10; LAG-WK's code has xi_d = 1/D, LAG-PS's xi_d = 1. The SASG code
/// computes S / (c * alpha * M^2) with S the sum of the last D - 1 = 9 changes, which is this form with 9 weights of
/// alpha / c (see docs/algorithms.md).
/// </remarks>
/// <param name="Weights">xi_1..xi_D.</param>
/// <param name="StepSize">alpha, the step of the summed update.</param>
/// <param name="Workers">M.</param>
public sealed record TriggerThreshold(IReadOnlyList<double> Weights, double StepSize, int Workers)
{
    /// <summary>D equal weights of <paramref name="xi"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is below 1, or xi is negative or not finite.</exception>
    public static TriggerThreshold Uniform(int window, double xi, double stepSize, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (!(xi >= 0) || double.IsInfinity(xi))
        {
            throw new ArgumentOutOfRangeException(nameof(xi), xi, "xi must be a finite number of at least 0.");
        }

        return new(Enumerable.Repeat(xi, window).ToArray(), stepSize, workers);
    }

    /// <summary>The RHS for the changes in <paramref name="history"/>.</summary>
    public double Evaluate(IterateHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.Weighted(Weights) / (StepSize * StepSize * Workers * (double)Workers);
    }
}
