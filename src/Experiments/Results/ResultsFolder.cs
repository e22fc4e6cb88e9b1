using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Results;

/// <summary>Writes a run's results folder; every file is written atomically.</summary>
/// <remarks>Files: metrics.csv, decisions.csv and/or decisions.parquet (<see cref="DecisionFiles"/>), partition.csv, summary.json, report.md and scenario.json (when given);
/// the traces are written by the caller while the run goes (trace.csv and trace.json, see <see cref="RunTraces"/>).
/// <see cref="WriteIncomplete"/> writes the same files for a run that stopped before it finished.</remarks>
public static class ResultsFolder
{
    /// <summary>The files <see cref="Write"/> may write, in that order.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        ["metrics.csv", "decisions.csv", "decisions.parquet", "partition.csv", "summary.json", "report.md", "scenario.json"];

    /// <summary>Writes the files for <paramref name="results"/> into <paramref name="directory"/>.</summary>
    /// <remarks>Requests and skip notices are counted from the decisions on <paramref name="plan"/>'s network, so a
    /// result replayed on another network (a sweep cell) reports that network's messages.</remarks>
    public static void Write(string directory, RunPlan plan, IReadOnlyList<AlgorithmResult> results, string? resolvedScenarioJson = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        results = results.Select(r => ControlMessages.Recount(r, plan.Network)).ToList();
        WriteFiles(directory, plan, results, Text(SummaryObject(plan, results)), ReportTable.Markdown(plan, results), resolvedScenarioJson);
    }

    /// <summary>Writes the files of a run that stopped before it finished: every evaluation point and decision of
    /// <paramref name="results"/> (what each method had completed, <see cref="RunRecorder.Snapshot"/>), and a
    /// summary.json with <c>"status": "incomplete"</c>, the iterations each method completed and <paramref name="error"/>.</summary>
    public static void WriteIncomplete(
        string directory,
        RunPlan plan,
        IReadOnlyList<AlgorithmResult> results,
        IReadOnlyList<(string Label, int Iterations)> completed,
        string error,
        string? resolvedScenarioJson = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(completed);
        ArgumentNullException.ThrowIfNull(error);
        results = results.Select(r => ControlMessages.Recount(r, plan.Network)).ToList();
        var iterations = new JObject();
        foreach (var (label, count) in completed)
        {
            iterations[label] = count;
        }

        var summary = new JObject { ["status"] = "incomplete", ["error"] = error, ["completedIterations"] = iterations };
        foreach (var property in SummaryObject(plan, results).Properties())
        {
            summary.Add(property.Name, property.Value);
        }

        var report = ReportTable.Markdown(plan, results);
        var title = report.IndexOf("\n\n", StringComparison.Ordinal) + 2;
        var counts = string.Join(", ", completed.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Label} {c.Iterations}")));
        report = report[..title] + $"**Incomplete**: {error} Iterations completed: {counts}.\n\n" + report[title..];
        WriteFiles(directory, plan, results, Text(summary), report, resolvedScenarioJson);
    }

    /// <summary>summary.json: the run and, per method, its totals, stop reason and to-target figures.</summary>
    public static string Summary(RunPlan plan, IReadOnlyList<AlgorithmResult> results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        return Text(SummaryObject(plan, results));
    }

    private static void WriteFiles(
        string directory, RunPlan plan, IReadOnlyList<AlgorithmResult> results, string summary, string report, string? resolvedScenarioJson)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, "metrics.csv"), CsvTables.Metrics(results.SelectMany(r => r.Metrics)));
        DecisionFiles.Write(directory, plan, results, resolvedScenarioJson);
        AtomicFile.WriteAllText(Path.Combine(directory, "partition.csv"), PartitionTable.Csv(plan));
        AtomicFile.WriteAllText(Path.Combine(directory, "summary.json"), summary);
        AtomicFile.WriteAllText(Path.Combine(directory, "report.md"), report);
        if (resolvedScenarioJson is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(directory, "scenario.json"), resolvedScenarioJson);
        }
    }

    private static JObject SummaryObject(RunPlan plan, IReadOnlyList<AlgorithmResult> results)
    {
        var algorithms = new JArray();
        foreach (var r in results)
        {
            var hit = ReportTable.FirstAtTarget(plan, r);
            algorithms.Add(new JObject
            {
                ["label"] = r.Label,
                ["iterations"] = r.Iterations,
                ["uploads"] = r.Uploads,
                ["uploadBytes"] = r.UploadBytes,
                ["paperBits"] = r.PaperBits,
                ["countedUploads"] = r.CountedUploads,
                ["requests"] = r.ControlMessages.Requests,
                ["requestBytes"] = r.ControlMessages.RequestBytes,
                ["skipNotices"] = r.ControlMessages.SkipNotices,
                ["skipNoticeBytes"] = r.ControlMessages.SkipNoticeBytes,
                ["simulatedSeconds"] = r.SimulatedSeconds,
                ["finalTrainLoss"] = Json(r.Final.TrainLoss),
                ["finalTestAccuracy"] = Json(r.Final.TestAccuracy),
                ["finalObjectiveError"] = Json(r.Final.ObjectiveError),
                ["stopReason"] = r.StopReason,
                ["message"] = r.Message,
                ["toTarget"] = hit is null ? JValue.CreateNull() : new JObject
                {
                    ["iteration"] = hit.Iteration,
                    ["uploads"] = hit.Uploads,
                    ["paperBits"] = hit.PaperBits,
                    ["uploadBytes"] = hit.UploadBytes,
                    ["countedUploads"] = hit.CountedUploads,
                    ["requests"] = hit.Requests,
                    ["skipNotices"] = hit.SkipNotices,
                    ["simulatedSeconds"] = hit.SimulatedSeconds,
                },
            });
        }

        var summary = new JObject
        {
            ["sasg"] = Build(BuildInfo.Current),
            ["name"] = plan.Name,
            ["seed"] = plan.Seed,
            ["workers"] = plan.WorkerData.Count,
            ["modelBytes"] = plan.Network.ModelSize.Bytes,
            ["stepSize"] = plan.StepSize,
            ["algorithms"] = algorithms,
        };
        return summary;
    }

    // Which code made the folder: the version, the commit and whether the tree it was built from had changes.
    private static JObject Build(BuildInfo build) => new()
    {
        ["version"] = build.Version,
        ["commit"] = build.Commit,
        ["treeDirty"] = build.TreeDirty switch { "true" => true, "false" => false, _ => JValue.CreateNull() },
    };

    private static string Text(JObject summary)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, Culture = CultureInfo.InvariantCulture })
        {
            summary.WriteTo(json);
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    // JSON has no NaN: missing values are null.
    private static JValue Json(double value) => double.IsFinite(value) ? new JValue(value) : JValue.CreateNull();
}
