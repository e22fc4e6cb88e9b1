using System.Globalization;
using System.Text;

namespace Sasg.Experiments.Heterogeneity;

/// <summary>heterogeneity.csv: one row per swept value and seed with the prediction, the uploads to target and the
/// verdicts.</summary>
/// <remarks>Columns: <c>axis</c> (none, base, workers), <c>value</c> (empty without a sweep), <c>seed</c>,
/// <c>workers</c> (M), <c>delta_c</c> (paper form at LAG-WK's weights), <c>bound</c> (1 - delta_c),
/// <c>comm_save</c> (the code's variant at the script thresholds), <c>uploads_gd</c>, <c>uploads_lag_wk</c>,
/// <c>uploads_lag_ps</c> (uploads to the target; empty when missed), <c>ratio_lag_wk</c>, <c>ratio_lag_ps</c>
/// (C_LAG / C_GD; empty when missed), <c>saving_lag_wk</c>, <c>saving_lag_ps</c> (1 - ratio), <c>verdict_lag_wk</c>,
/// <c>verdict_lag_ps</c> (violated, holds, outside, not reached), <c>alpha_l</c> (alpha L of the runs),
/// <c>xi_sum_lag_wk</c>, <c>xi_sum_lag_ps</c> (sum of each method's weights), <c>delta_c_lag_ps</c> (paper form at
/// LAG-PS's weights, its bound's DeltaC). Numbers are invariant culture, round-trip format.</remarks>
public static class HeterogeneityCsv
{
    /// <summary>The header line's columns.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "axis", "value", "seed", "workers", "delta_c", "bound", "comm_save", "uploads_gd", "uploads_lag_wk",
        "uploads_lag_ps", "ratio_lag_wk", "ratio_lag_ps", "saving_lag_wk", "saving_lag_ps", "verdict_lag_wk",
        "verdict_lag_ps", "alpha_l", "xi_sum_lag_wk", "xi_sum_lag_ps", "delta_c_lag_ps",
    ];

    /// <summary>The CSV text for <paramref name="points"/> of a sweep over <paramref name="axis"/>.</summary>
    public static string Write(HeterogeneityAxis axis, IReadOnlyList<HeterogeneitySweepPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var text = new StringBuilder(string.Join(',', Columns)).Append('\n');
        foreach (var point in points)
        {
            foreach (var row in point.Outcome.Seeds)
            {
                string[] fields =
                [
                    AxisName(axis),
                    Number(point.Value),
                    row.Seed.ToString(CultureInfo.InvariantCulture),
                    row.Prediction.LagWk.Workers.ToString(CultureInfo.InvariantCulture),
                    Number(row.Prediction.Saving),
                    Number(row.Prediction.Bound),
                    Number(row.Prediction.Script.CodeSaving),
                    Count(row.Gd.Uploads),
                    Count(row.LagWk.Uploads),
                    Count(row.LagPs.Uploads),
                    Number(row.LagWkRatio),
                    Number(row.LagPsRatio),
                    Number(1 - row.LagWkRatio),
                    Number(1 - row.LagPsRatio),
                    BoundVerdicts.Text(row.LagWkVerdict),
                    BoundVerdicts.Text(row.LagPsVerdict),
                    Number(row.Prediction.LagWk.StepSize * row.Prediction.LagWk.TotalSmoothness),
                    Number(row.Prediction.LagWk.Xi.Sum()),
                    Number(row.Prediction.LagPs.Xi.Sum()),
                    Number(row.Prediction.LagPs.PaperSaving),
                ];
                text.Append(string.Join(',', fields)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The axis as the CSV and the plot name it: "none", "base" or "workers".</summary>
    public static string AxisName(HeterogeneityAxis axis) => axis switch
    {
        HeterogeneityAxis.Base => "base",
        HeterogeneityAxis.Workers => "workers",
        _ => "none",
    };

    private static string Number(double value) => double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Count(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
