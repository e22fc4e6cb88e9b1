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
        WriteFinished(new ResultsFiles(directory, AtomicFile.WriteAllText, null), plan, results, resolvedScenarioJson);
    }

    /// <summary>Writes the same files as <see cref="Write"/> for a sweep cell, whose done marker (written after them,
    /// and flushed) is what makes the cell count: each file is written in place and not flushed on its own, and
    /// decisions.csv is a hard link to <paramref name="decisionsFile"/> when one is given and the cell writes
    /// decisions.csv only (the cell replayed that file's decisions, so the bytes are the same; a copy where the file
    /// system has no hard links). A cell that writes decisions.parquet writes its own, which names its scenario.json.</summary>
    internal static void WriteCell(
        string directory, RunPlan plan, IReadOnlyList<AlgorithmResult> results, string resolvedScenarioJson, string? decisionsFile) =>
        WriteFinished(new ResultsFiles(directory, File.WriteAllText, decisionsFile, Manifest: false), plan, results, resolvedScenarioJson);

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
        WriteFiles(new ResultsFiles(directory, AtomicFile.WriteAllText, null), plan, results, Text(summary), report, resolvedScenarioJson);
    }

    /// <summary>summary.json: the run and, per method, its totals, stop reason and to-target figures.</summary>
    public static string Summary(RunPlan plan, IReadOnlyList<AlgorithmResult> results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        return Text(SummaryObject(plan, results));
    }

    private static void WriteFinished(ResultsFiles files, RunPlan plan, IReadOnlyList<AlgorithmResult> results, string? resolvedScenarioJson)
    {
        results = results.Select(r => ControlMessages.Recount(r, plan.Network)).ToList();
        WriteFiles(files, plan, results, Text(SummaryObject(plan, results)), ReportTable.Markdown(plan, results), resolvedScenarioJson);
    }

    private static void WriteFiles(
        ResultsFiles files, RunPlan plan, IReadOnlyList<AlgorithmResult> results, string summary, string report, string? resolvedScenarioJson)
    {
        Directory.CreateDirectory(files.Directory);
        files.Write("metrics.csv", CsvTables.Metrics(results.SelectMany(r => r.Metrics), plan.ReportTop5, plan.RoundTopology.Kind != Scenarios.TopologyKind.Star));
        if (files.DecisionsFile is { } source && DecisionFiles.Choose(plan) == (true, false) && File.Exists(source))
        {
            files.Link("decisions.csv", source);
        }
        else
        {
            // A decisions.parquet records its run's scenario.json (DecisionsParquet.ScenarioKey), so a cell writes its own.
            DecisionFiles.Write(files.Directory, plan, results, resolvedScenarioJson);
        }

        files.Write("partition.csv", PartitionTable.Csv(plan));
        var protocolFiles = ProtocolTables.Write(files.Directory, results, files.WriteText);
        if (protocolFiles.Count > 0 && files.Manifest)
        {
            FolderManifest.Add(files.Directory, protocolFiles);
        }

        files.Write("summary.json", summary);
        files.Write("report.md", report);
        if (resolvedScenarioJson is not null)
        {
            files.Write("scenario.json", resolvedScenarioJson);
        }
    }

    // Where and how a results folder's files are written; DecisionsFile, when set, is linked as decisions.csv.
    // Manifest: a run's folder lists what it wrote (.sasg-files); a sweep cell's folder belongs to its sweep.
    private sealed record ResultsFiles(string Directory, Action<string, string> WriteText, string? DecisionsFile, bool Manifest = true)
    {
        public void Write(string name, string content) => WriteText(Path.Combine(Directory, name), content);

        public void Link(string name, string existing)
        {
            var path = Path.Combine(Directory, name);
            if (!NativeFiles.TryHardLink(existing, path))
            {
                File.Copy(existing, path, overwrite: true);
            }
        }
    }

    private static JObject SummaryObject(RunPlan plan, IReadOnlyList<AlgorithmResult> results)
    {
        var algorithms = new JArray();
        foreach (var r in results)
        {
            var hit = ReportTable.FirstAtTarget(plan, r);
            var method = new JObject
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
            };
            if (r.Protocol is { } protocol)
            {
                // Only under a time-driven protocol, so every synchronous summary.json keeps its bytes.
                method.Add("protocol", ProtocolTables.Summary(protocol));
            }

            if (plan.ReportTop5)
            {
                // Only in runs that report top-5, so every other summary.json keeps its bytes.
                method.Property("finalTestAccuracy")!.AddAfterSelf(new JProperty("finalTestTop5Accuracy", Json(r.Final.TestTop5Accuracy)));
            }

            if (plan.RoundTopology.Kind != Scenarios.TopologyKind.Star)
            {
                // Only off the star, so every star summary.json keeps its bytes.
                method.Property("uploadBytes")!.AddAfterSelf(new JProperty("carriedBytes", r.CarriedBytes));
            }

            if (plan.Participation is not null)
            {
                // Only in runs with partial participation, so every other summary.json keeps its bytes.
                method.Add("perWorkerStateBytes", r.PerWorkerStateBytes);
            }

            algorithms.Add(method);
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
        if (plan.RoundTopology.Kind != Scenarios.TopologyKind.Star)
        {
            summary.Property("modelBytes")!.AddAfterSelf(new JProperty("topology", TopologySummary(plan.RoundTopology)));
        }

        return summary;
    }

    // The round model a run used: its kind, and a hierarchy's groups or a sharded model's servers.
    private static JObject TopologySummary(Driver.TopologyPlan topology)
    {
        var json = new JObject { ["kind"] = Scenarios.ScenarioWords.TopologyKinds.WordOf(topology.Kind) };
        if (topology.Layout is { } layout)
        {
            json["groups"] = new JArray(Enumerable.Range(0, layout.GroupCount).Select(g => layout.GroupOf.Count(x => x == g)));
            json["forward"] = layout.Merge ? "merged" : "each";
        }

        if (topology.ServerIngress.Count > 0)
        {
            json["servers"] = topology.ServerIngress.Count;
        }

        return json;
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
