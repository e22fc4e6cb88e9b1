using System.Globalization;
using Sasg.Experiments.Driver;
using Spectre.Console;

namespace Sasg.Cli.Rendering;

/// <summary>The per-method summary a run prints.</summary>
internal static class SummaryTable
{
    /// <summary>A table of <paramref name="results"/>.</summary>
    public static Table Of(IReadOnlyList<AlgorithmResult> results)
    {
        var table = new Table()
            .AddColumn("algorithm")
            .AddColumn(new TableColumn("iterations").RightAligned())
            .AddColumn(new TableColumn("uploads").RightAligned())
            .AddColumn(new TableColumn("bytes").RightAligned())
            .AddColumn(new TableColumn("sim. s").RightAligned())
            .AddColumn(new TableColumn(FinalHeader(results)).RightAligned())
            .AddColumn("stop");
        foreach (var r in results)
        {
            var final = r.Final;
            table.AddRow(
                Markup.Escape(r.Label),
                Whole(r.Iterations),
                Whole(r.Uploads),
                Whole(r.UploadBytes),
                r.SimulatedSeconds.ToString("0.000000", CultureInfo.InvariantCulture),
                FinalValue(results, final),
                r.StopReason);
        }

        // Requests and skip notices go in a caption, not columns, so the table stays within 80 columns.
        if (ControlCaption(results) is { } caption)
        {
            table.Caption(caption);
        }

        return table;
    }

    // "requests: LAG-PS 250 (16000 B); skip notices: LAG-WK 562 (0 B)", or null when no method sent either.
    private static string? ControlCaption(IReadOnlyList<AlgorithmResult> results)
    {
        static string Part(string what, IEnumerable<(string Label, long Count, long Bytes)> counts)
        {
            var sent = counts.Where(c => c.Count > 0).Select(c => Invariant($"{c.Label} {c.Count} ({c.Bytes} B)")).ToList();
            return sent.Count == 0 ? string.Empty : $"{what}: {string.Join(", ", sent)}";
        }

        var parts = new[]
        {
            Part("requests", results.Select(r => (r.Label, r.ControlMessages.Requests, r.ControlMessages.RequestBytes))),
            Part("skip notices", results.Select(r => (r.Label, r.ControlMessages.SkipNotices, r.ControlMessages.SkipNoticeBytes))),
        }.Where(p => p.Length > 0).ToList();
        return parts.Count == 0 ? null : Markup.Escape(string.Join("; ", parts));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // One quality column keeps the table within 80 columns: |f - f*| where f* is known, else accuracy, else loss.
    private static string FinalHeader(IReadOnlyList<AlgorithmResult> results) =>
        results.Any(r => !double.IsNaN(r.Final.ObjectiveError)) ? "|f - f*|"
        : results.Any(r => !double.IsNaN(r.Final.TestAccuracy)) ? "accuracy"
        : "loss";

    private static string FinalValue(IReadOnlyList<AlgorithmResult> results, MetricsRow final) => FinalHeader(results) switch
    {
        "|f - f*|" => Scientific(final.ObjectiveError),
        "accuracy" => double.IsNaN(final.TestAccuracy) ? "-" : final.TestAccuracy.ToString("0.0000", CultureInfo.InvariantCulture),
        _ => Scientific(final.TrainLoss),
    };

    private static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Scientific(double value) =>
        double.IsNaN(value) ? "-" : value.ToString("0.00e0", CultureInfo.InvariantCulture);
}
