using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Results;

/// <summary>Writes a run's results folder; every file is written atomically.</summary>
/// <remarks>Files: metrics.csv, decisions.csv, partition.csv (when the data was partitioned), summary.json,
/// report.md; the traces are written by the caller while the run goes (trace.csv and trace.json, see
/// <see cref="RunTraces"/>).</remarks>
public static class ResultsFolder
{
    /// <summary>Writes the files for <paramref name="results"/> into <paramref name="directory"/>.</summary>
    /// <remarks>Requests and skip notices are counted from the decisions on <paramref name="plan"/>'s network, so a
    /// result replayed on another network (a sweep cell) reports that network's messages.</remarks>
    public static void Write(string directory, RunPlan plan, IReadOnlyList<AlgorithmResult> results, string? resolvedScenarioJson = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        results = results.Select(r => ControlMessages.Recount(r, plan.Network)).ToList();
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, "metrics.csv"), CsvTables.Metrics(results.SelectMany(r => r.Metrics)));
        AtomicFile.WriteAllText(Path.Combine(directory, "decisions.csv"), CsvTables.Decisions(results.SelectMany(r => r.Decisions)));
        if (plan.PartitionCsv.Length > 0)
        {
            AtomicFile.WriteAllText(Path.Combine(directory, "partition.csv"), plan.PartitionCsv);
        }

        AtomicFile.WriteAllText(Path.Combine(directory, "summary.json"), Summary(plan, results));
        AtomicFile.WriteAllText(Path.Combine(directory, "report.md"), ReportTable.Markdown(plan, results));
        if (resolvedScenarioJson is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(directory, "scenario.json"), resolvedScenarioJson);
        }
    }

    /// <summary>summary.json: the run and, per method, its totals, stop reason and to-target figures.</summary>
    public static string Summary(RunPlan plan, IReadOnlyList<AlgorithmResult> results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
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
            ["name"] = plan.Name,
            ["seed"] = plan.Seed,
            ["workers"] = plan.WorkerData.Count,
            ["modelBytes"] = plan.Network.ModelSize.Bytes,
            ["stepSize"] = plan.StepSize,
            ["algorithms"] = algorithms,
        };
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
