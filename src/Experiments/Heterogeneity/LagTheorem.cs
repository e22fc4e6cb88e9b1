using System.Globalization;

namespace Sasg.Experiments.Heterogeneity;

/// <summary>The side conditions under which LAG's communication bound C_LAG &lt;= (1 - DeltaC) C_GD is claimed, and the
/// constants that meet them (docs/heterogeneity.md, "The theorem").</summary>
/// <remarks>
/// The conditions, as reconstructed (the paper's own text could not be retrieved; see the doc): the weights sum to
/// less than 1, sum_d xi_d &lt; 1, and the step of the summed update is at most (1 - sum_d xi_d) / L. A run that
/// meets both is inside the theorem and its measured ratio is a test of the bound; any other run is outside, and its
/// ratio is reported without a verdict.
/// </remarks>
public static class LagTheorem
{
    /// <summary>The sum of the weights that <see cref="WithinXi"/> uses: 1/2, so that the largest step is 1/(2L).</summary>
    public const double WithinXiSum = 0.5;

    // alpha L exactly on 1 - sum xi is inside, and D weights of 1/D sum to 1 (not below it); this slack keeps rounding
    // in 1/L and in the sum from moving a value across either line.
    private const double RelativeSlack = 1e-12;

    /// <summary>Whether <paramref name="score"/>'s step and weights meet the conditions; if not, which fails and what
    /// would meet it.</summary>
    public static TheoremCheck Check(HeterogeneityScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var sum = score.Xi.Sum();
        var alphaL = score.StepSize * score.TotalSmoothness;
        if (!BelowOne(sum))
        {
            var within = WithinXiSum / score.Window;
            return new TheoremCheck(
                false,
                Text($"sum xi = {sum:0.####} is not below 1"),
                Text($"xi_d = {within:0.####} (sum {WithinXiSum}) with alpha <= {1 - WithinXiSum}/L = {(1 - WithinXiSum) / score.TotalSmoothness:0.####e0}"));
        }

        if (alphaL > (1 - sum) * (1 + RelativeSlack))
        {
            return new TheoremCheck(
                false,
                Text($"alpha L = {alphaL:0.####} exceeds 1 - sum xi = {1 - sum:0.####}"),
                Text($"alpha <= (1 - sum xi)/L = {LargestStep(score.TotalSmoothness, score.Xi):0.####e0}"));
        }

        return TheoremCheck.Inside;
    }

    /// <summary>The largest step of the summed update inside the conditions: (1 - sum xi) / L.</summary>
    /// <exception cref="ArgumentException">The weights sum to 1 or more (no step is inside).</exception>
    public static double LargestStep(double totalSmoothness, IReadOnlyList<double> xi)
    {
        ArgumentNullException.ThrowIfNull(xi);
        var sum = xi.Sum();
        if (!BelowOne(sum))
        {
            throw new ArgumentException($"The weights sum to {sum}; the conditions need a sum below 1.", nameof(xi));
        }

        return (1 - sum) / totalSmoothness;
    }

    /// <summary>The weights <c>--within-theorem</c> runs with: D equal weights summing to <see cref="WithinXiSum"/>.</summary>
    public static IReadOnlyList<double> WithinXi(int window) => HeterogeneityScore.UniformXi(window, WithinXiSum / window);

    private static bool BelowOne(double sum) => sum < 1 - RelativeSlack;

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
