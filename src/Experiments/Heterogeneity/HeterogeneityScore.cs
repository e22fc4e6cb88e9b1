namespace Sasg.Experiments.Heterogeneity;

/// <summary>LAG's communication prediction from the workers' smoothness constants: importance factors H(m) = L_m / L,
/// thresholds gamma_d, the heterogeneity score h(gamma_d) and the saving DeltaC, in the paper's form and in the
/// authors' code's <c>comm_save</c> form.</summary>
/// <remarks>
/// Chen et al., "LAG: Lazily Aggregated Gradient", NeurIPS 2018, Thm 2 as reconstructed from the authors' code in
/// docs/heterogeneity.md: h(gamma) = (1/M) #{m : H(m)^2 &lt;= gamma}, gamma_d = xi_d / (d alpha^2 L^2 M^2) and
/// DeltaC = sum_{d=1..D} (1/d - 1/(d+1)) h(gamma_d), so that C_LAG(eps) &lt;= (1 - DeltaC) C_GD(eps).
/// <see cref="PaperSaving"/> is that definition. <see cref="CodeSaving"/> is the variable <c>comm_save</c> of the
/// authors' MATLAB scripts, which uses the same weights but looks the score up in MATLAB's <c>ecdf</c> output (see
/// <see cref="CodeFormScore"/>); it is a documented variant, never the definition.
/// </remarks>
public sealed class HeterogeneityScore
{
    // A value exactly on a threshold meets it ("<="); this relative slack keeps rounding in L_m / L from moving it off.
    private const double RelativeSlack = 1e-12;

    private HeterogeneityScore(
        IReadOnlyList<double> workerSmoothness,
        double totalSmoothness,
        double stepSize,
        IReadOnlyList<double> xi,
        IReadOnlyList<double> importance,
        IReadOnlyList<double> thresholds,
        IReadOnlyList<double> paperScores,
        IReadOnlyList<double> codeScores)
    {
        WorkerSmoothness = workerSmoothness;
        TotalSmoothness = totalSmoothness;
        StepSize = stepSize;
        Xi = xi;
        Importance = importance;
        Thresholds = thresholds;
        PaperScores = paperScores;
        CodeScores = codeScores;
        PaperSaving = Saving(paperScores);
        CodeSaving = Saving(codeScores);
    }

    /// <summary>L_m of each worker.</summary>
    public IReadOnlyList<double> WorkerSmoothness { get; }

    /// <summary>L, the smoothness constant of the summed loss.</summary>
    public double TotalSmoothness { get; }

    /// <summary>alpha, the step size of the summed update theta -= alpha sum_m g_m.</summary>
    public double StepSize { get; }

    /// <summary>xi_1..xi_D, the trigger weights; D is their count.</summary>
    public IReadOnlyList<double> Xi { get; }

    /// <summary>M, the number of workers.</summary>
    public int Workers => WorkerSmoothness.Count;

    /// <summary>D, the trigger window.</summary>
    public int Window => Xi.Count;

    /// <summary>H(m) = L_m / L for each worker.</summary>
    public IReadOnlyList<double> Importance { get; }

    /// <summary>M H(m) = M L_m / L for each worker: 1 for every worker when the smoothness is uniform and L = sum L_m.</summary>
    public IReadOnlyList<double> ScaledImportance => Importance.Select(h => h * Workers).ToList();

    /// <summary>gamma_d = xi_d / (d alpha^2 L^2 M^2) for d = 1..D.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>h(gamma_d) for d = 1..D (paper form): the fraction of workers with H(m)^2 &lt;= gamma_d.</summary>
    public IReadOnlyList<double> PaperScores { get; }

    /// <summary>The code form's score at t_d = M sqrt(gamma_d) for d = 1..D (<see cref="CodeFormScore"/>).</summary>
    public IReadOnlyList<double> CodeScores { get; }

    /// <summary>DeltaC in the paper form, sum_d (1/d - 1/(d+1)) h(gamma_d): the predicted fraction of GD's uploads
    /// that LAG saves. This is the definition.</summary>
    public double PaperSaving { get; }

    /// <summary>The code's <c>comm_save</c> variant: the same weights over <see cref="CodeScores"/>. Not the
    /// definition; reported next to it so that a number's form is always named.</summary>
    public double CodeSaving { get; }

    /// <summary>The predicted bound on C_LAG / C_GD, 1 - <see cref="PaperSaving"/>.</summary>
    public double Bound => 1 - PaperSaving;

    /// <summary>The prediction for workers with smoothness <paramref name="workerSmoothness"/> (L_m, M of them), total
    /// smoothness <paramref name="totalSmoothness"/> (L), step size <paramref name="stepSize"/> (alpha of the summed
    /// update) and trigger weights <paramref name="xi"/> (xi_1..xi_D).</summary>
    /// <exception cref="ArgumentException">No worker, no weight, or a value that is not finite and positive (weights
    /// may be 0).</exception>
    public static HeterogeneityScore Compute(
        IReadOnlyList<double> workerSmoothness, double totalSmoothness, double stepSize, IReadOnlyList<double> xi)
    {
        ArgumentNullException.ThrowIfNull(workerSmoothness);
        ArgumentNullException.ThrowIfNull(xi);
        if (workerSmoothness.Count == 0 || workerSmoothness.Any(l => !double.IsFinite(l) || l <= 0))
        {
            throw new ArgumentException("Give at least one worker, each with a finite L_m > 0.", nameof(workerSmoothness));
        }

        if (xi.Count == 0 || xi.Any(x => !double.IsFinite(x) || x < 0))
        {
            throw new ArgumentException("Give at least one weight xi_d, each finite and at least 0.", nameof(xi));
        }

        if (!double.IsFinite(totalSmoothness) || totalSmoothness <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(totalSmoothness), totalSmoothness, "L must be finite and > 0.");
        }

        if (!double.IsFinite(stepSize) || stepSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "alpha must be finite and > 0.");
        }

        var m = workerSmoothness.Count;
        var importance = workerSmoothness.Select(l => l / totalSmoothness).ToArray();
        var scale = stepSize * stepSize * totalSmoothness * totalSmoothness * m * m;
        var thresholds = xi.Select((x, i) => x / ((i + 1) * scale)).ToArray();
        var scaled = importance.Select(h => h * m).ToArray();
        return new HeterogeneityScore(
            workerSmoothness.ToArray(),
            totalSmoothness,
            stepSize,
            xi.ToArray(),
            importance,
            thresholds,
            thresholds.Select(g => Score(importance, g)).ToArray(),
            thresholds.Select(g => CodeFormScore(scaled, m * Math.Sqrt(g))).ToArray());
    }

    /// <summary>h(gamma) = (1/M) #{m : H(m)^2 &lt;= gamma}, the paper's heterogeneity score of the importance factors
    /// <paramref name="importance"/>.</summary>
    public static double Score(IReadOnlyList<double> importance, double gamma)
    {
        ArgumentNullException.ThrowIfNull(importance);
        return importance.Count(h => h * h <= gamma * (1 + RelativeSlack)) / (double)importance.Count;
    }

    /// <summary>The score as the authors' code looks it up (<c>comm_save</c>): on the values
    /// <paramref name="values"/> (M L_m / L), MATLAB's <c>[cdff, cdfx] = ecdf(values)</c> and
    /// <c>cdff(find(cdfx &gt;= min(max(cdfx), t), 1))</c>.</summary>
    /// <remarks><c>ecdf</c> lists the distinct values in increasing order, preceded by the smallest once more with
    /// F = 0. So the lookup returns the empirical CDF at the first value &gt;= t, counting that value; 0 when that value
    /// is the smallest; and t is capped at the largest value (so all-equal values always give 0). The paper form
    /// counts values &lt;= t instead.</remarks>
    public static double CodeFormScore(IReadOnlyList<double> values, double t)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        var capped = Math.Min(sorted[^1], t);
        if (capped <= sorted[0])
        {
            return 0;
        }

        var first = sorted.First(v => v >= capped);
        return sorted.Count(v => v <= first) / (double)sorted.Length;
    }

    /// <summary>D equal weights xi_d = <paramref name="xi"/>, as LAG-WK and LAG-PS use them.</summary>
    public static IReadOnlyList<double> UniformXi(int window, double xi)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        return Enumerable.Repeat(xi, window).ToArray();
    }

    /// <summary>The weights whose paper-form thresholds, at alpha = 1/L, equal the authors' linear script's
    /// <c>comm_save</c> thresholds t_d = 2 sqrt(1/(D d)): xi_d = 4/D (0.4 for D = 10).</summary>
    public static IReadOnlyList<double> LinearScriptXi(int window) => UniformXi(window, 4.0 / window);

    /// <summary>The weights of the authors' logistic scripts' <c>comm_save</c> thresholds t_d = sqrt(1/(D d)), at
    /// alpha = 1/L: xi_d = 1/D, the LAG-WK default.</summary>
    public static IReadOnlyList<double> LogisticScriptXi(int window) => UniformXi(window, 1.0 / window);

    private static double Saving(IReadOnlyList<double> scores) =>
        scores.Select((h, i) => ((1.0 / (i + 1)) - (1.0 / (i + 2))) * h).Sum();
}
