using System.Globalization;
using System.Text;
using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Results;

/// <summary>report.md: per method, rounds (uploads), bits, simulated time, final accuracy or error, and the same
/// figures at the first evaluation that reached the run's target (the shape of the SASG paper's Table II). A run that
/// reports top-5 accuracy has a "final top-5 accuracy" column after "final accuracy" (top-1).</summary>
public static class ReportTable
{
    /// <summary>The report for <paramref name="results"/> of the run <paramref name="plan"/>.</summary>
    public static string Markdown(RunPlan plan, IReadOnlyList<AlgorithmResult> results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {plan.Name}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{plan.WorkerData.Count} workers; target: {TargetText(plan)}.\n\n");
        text.Append("| algorithm | iterations | rounds (uploads) | rounds (code's count) | bits (paper) | bytes (encoded) | requests (bytes) |");
        text.Append(" skip notices (bytes) | simulated s | final accuracy |");
        text.Append(plan.ReportTop5 ? " final top-5 accuracy |" : string.Empty);
        text.Append(" final loss | abs(f - f*) | stop |");
        text.Append(" rounds to target | bits to target | seconds to target |\n");
        text.Append(plan.ReportTop5
            ? "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|\n"
            : "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
        foreach (var r in results)
        {
            var final = r.Final;
            var hit = FirstAtTarget(plan, r);
            text.Append(CultureInfo.InvariantCulture,
                $"| {r.Label} | {r.Iterations} | {r.Uploads} | {r.CountedUploads} | {r.PaperBits} | {r.UploadBytes} | ");
            var control = r.ControlMessages;
            text.Append(CultureInfo.InvariantCulture,
                $"{control.Requests} ({control.RequestBytes}) | {control.SkipNotices} ({control.SkipNoticeBytes}) | {Fixed(r.SimulatedSeconds, 6)} | ");
            text.Append(CultureInfo.InvariantCulture, $"{Fixed(final.TestAccuracy, 4)} | ");
            text.Append(plan.ReportTop5 ? $"{Fixed(final.TestTop5Accuracy, 4)} | " : string.Empty);
            text.Append(CultureInfo.InvariantCulture, $"{Sci(final.TrainLoss)} | {Sci(final.ObjectiveError)} | {r.StopReason} | ");
            text.Append(hit is null
                ? "- | - | - |\n"
                : string.Create(CultureInfo.InvariantCulture, $"{hit.Uploads} | {hit.PaperBits} | {Fixed(hit.SimulatedSeconds, 6)} |\n"));
        }

        foreach (var r in results.Where(r => r.Message.Length > 0))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n- {r.Message}\n");
        }

        return text.ToString();
    }

    /// <summary>The first evaluation point of <paramref name="result"/> that met the plan's target, or null.</summary>
    public static MetricsRow? FirstAtTarget(RunPlan plan, AlgorithmResult result)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        return result.Metrics.FirstOrDefault(m =>
            (plan.ObjectiveTolerance is { } tolerance && m.ObjectiveError < tolerance)
            || (plan.TargetAccuracy is { } accuracy && AccuracyOf(plan, m) >= accuracy)
            || (plan.TargetLoss is { } loss && m.TrainLoss <= loss));
    }

    /// <summary>The run's targets in words, for example "|f - f*| &lt; 1E-08"; "none" without one.</summary>
    internal static string TargetText(RunPlan plan)
    {
        var parts = new List<string>();
        if (plan.ObjectiveTolerance is { } tolerance)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"|f - f*| < {tolerance:R}"));
        }

        if (plan.TargetAccuracy is { } accuracy)
        {
            var which = plan.TargetAccuracyMetric == Scenarios.AccuracyMetric.Top5 ? "top-5 accuracy" : "accuracy";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{which} >= {accuracy:R}"));
        }

        if (plan.TargetLoss is { } loss)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"training loss <= {loss:R}"));
        }

        return parts.Count == 0 ? "none" : string.Join(" or ", parts);
    }

    /// <summary>The accuracy the plan's target is compared with: top-5 when the scenario says so, else top-1.</summary>
    internal static double AccuracyOf(RunPlan plan, MetricsRow row) =>
        plan.TargetAccuracyMetric == Scenarios.AccuracyMetric.Top5 ? row.TestTop5Accuracy : row.TestAccuracy;

    private static string Fixed(double value, int digits) =>
        double.IsNaN(value) ? "-" : value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Sci(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000e0", CultureInfo.InvariantCulture);
}
