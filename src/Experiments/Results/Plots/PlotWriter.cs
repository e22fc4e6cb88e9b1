using Sasg.Experiments.Driver;
using Sasg.NetSim.Trace;

namespace Sasg.Experiments.Results.Plots;

/// <summary>Draws the plots of a results folder into &lt;results&gt;/plots, each as an 800x500 PNG and an SVG.</summary>
/// <remarks>Plots: &lt;y&gt;-vs-&lt;x&gt; for y in loss, accuracy, objective-error and x in iterations, uploads,
/// bits, seconds (the papers' figures; one line per method); uploads-per-iteration (from decisions.csv); and
/// timeline-&lt;label&gt; per method (from trace.csv, or the
/// trace-&lt;label&gt;.csv of a folder written before runs had one trace.csv); staleness-histogram when staleness.csv
/// exists (a run under a time-driven protocol). A missing input file, or a metric that is NaN
/// throughout, skips the plots that need it and says so in <see cref="PlotReport.Skipped"/>.</remarks>
public static class PlotWriter
{
    /// <summary>The plots folder's name inside a results folder.</summary>
    public const string FolderName = "plots";

    /// <summary>Writes every plot that the files in <paramref name="resultsDirectory"/> allow, and lists them in the
    /// folder's manifest (<see cref="FolderManifest"/>), so that the next run into the folder deletes them.</summary>
    /// <exception cref="DirectoryNotFoundException">The results folder does not exist.</exception>
    /// <exception cref="InvalidDataException">metrics.csv, decisions.csv, summary.json or a trace CSV is malformed.</exception>
    public static PlotReport WriteAll(string resultsDirectory)
    {
        ArgumentNullException.ThrowIfNull(resultsDirectory);
        var results = Path.GetFullPath(resultsDirectory);
        if (!Directory.Exists(results))
        {
            throw new DirectoryNotFoundException($"{results}: no such results folder.");
        }

        var name = ScenarioName(results);
        var plots = Path.Combine(results, FolderName);
        Directory.CreateDirectory(plots);
        var written = new List<string>();
        var skipped = new List<SkippedPlot>();

        var metricsPath = Path.Combine(results, "metrics.csv");
        var methods = File.Exists(metricsPath) ? MethodMetrics.Group(MetricsCsv.Read(metricsPath)) : null;
        if (methods is null)
        {
            skipped.Add(new SkippedPlot("*-vs-*", "metrics.csv not found"));
        }
        else
        {
            WriteMetricPlots(name, methods, plots, written, skipped);
        }

        // A time-driven run (it has staleness.csv) records decisions per turn, not per round: no uploads per iteration.
        var staleness = Path.Combine(results, ProtocolTables.StalenessName);
        var timed = File.Exists(staleness);
        var decisions = timed ? null : DecisionFiles.Read(results);
        if (timed)
        {
            skipped.Add(new SkippedPlot("uploads-per-iteration", "a time-driven run's decisions are per turn, not per round"));
        }
        else
        {
            WriteUploadsPlot(name, decisions, plots, written, skipped);
        }

        var labels = methods?.Select(m => m.Label).ToList()
            ?? decisions?.Select(d => d.Algorithm).Distinct(StringComparer.Ordinal).ToList()
            ?? [];
        WriteTimelines(name, labels, results, plots, written, skipped);
        if (timed && StalenessPlot.Read(staleness) is { Count: > 0 } methodsStaleness)
        {
            // Only time-driven runs have staleness.csv; the plots of every other run are as before.
            using var plot = StalenessPlot.Create(name, methodsStaleness);
            PlotFile.Save(plot, plots, StalenessPlot.Stem, written);
        }

        FolderManifest.Add(results, written);
        return new PlotReport(plots, written, skipped);
    }

    private static void WriteMetricPlots(
        string name, IReadOnlyList<MethodMetrics> methods, string plots, List<string> written, List<SkippedPlot> skipped)
    {
        var rows = methods.SelectMany(m => m.Rows).ToList();
        foreach (var metric in Metric.For(rows))
        {
            if (MetricPlot.Missing(metric, rows) is { } reason)
            {
                skipped.Add(new SkippedPlot($"{metric.FileName}-vs-*", reason));
                continue;
            }

            foreach (var axis in MetricAxis.All)
            {
                using var plot = MetricPlot.Create(name, methods, metric, axis);
                PlotFile.Save(plot, plots, $"{metric.FileName}-vs-{axis.FileName}", written);
            }
        }
    }

    private static void WriteUploadsPlot(
        string name, IReadOnlyList<DecisionRow>? decisions, string plots, List<string> written, List<SkippedPlot> skipped)
    {
        const string Stem = "uploads-per-iteration";
        if (decisions is null || decisions.Count == 0)
        {
            skipped.Add(new SkippedPlot(Stem, decisions is null ? "decisions.csv not found" : "decisions.csv has no rows"));
            return;
        }

        using var plot = UploadsPlot.Create(name, UploadsPlot.Count(decisions), decisions.Max(d => d.Worker) + 1);
        PlotFile.Save(plot, plots, Stem, written);
    }

    private static void WriteTimelines(
        string name, List<string> labels, string results, string plots, List<string> written, List<SkippedPlot> skipped)
    {
        if (labels.Count == 0)
        {
            skipped.Add(new SkippedPlot("timeline-*", "no method found in metrics.csv or decisions.csv"));
        }

        var combined = Path.Combine(results, RunTraces.CsvName);
        foreach (var label in labels)
        {
            var stem = "timeline-" + SafeName(label);
            var single = Path.Combine(results, "trace-" + SafeName(label) + ".csv");
            IReadOnlyList<TraceRecord> records;
            if (File.Exists(combined))
            {
                records = TraceCsv.Read(combined, TimelinePlot.Rounds, label);
            }
            else if (File.Exists(single))
            {
                records = TraceCsv.Read(single, TimelinePlot.Rounds);
            }
            else
            {
                skipped.Add(new SkippedPlot(stem, $"{RunTraces.CsvName} not found (outputs.trace is off?)"));
                continue;
            }

            if (TimelinePlot.Missing(records) is { } reason)
            {
                skipped.Add(new SkippedPlot(stem, reason));
                continue;
            }

            using var plot = TimelinePlot.Create(name, label, records);
            PlotFile.Save(plot, plots, stem, written);
        }
    }

    // The run's name from summary.json; the folder's name when there is no summary (a damaged one is an error).
    private static string ScenarioName(string results) =>
        RunSummary.Read(Path.Combine(results, "summary.json"))?.Name ?? Path.GetFileName(results);

    /// <summary><paramref name="label"/> with every character but letters, digits, '-' and '_' replaced by '_'.</summary>
    private static string SafeName(string label) =>
        string.Concat(label.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
