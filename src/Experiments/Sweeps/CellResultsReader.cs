using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Results.Plots;

namespace Sasg.Experiments.Sweeps;

/// <summary>Reads a finished cell's results folder back into results (summary.json, metrics.csv, decisions.csv),
/// so that a resumed sweep replays the remaining cells of a learning group without training again.</summary>
/// <remarks>Doubles are written in round-trip form, so the values read back are the values written. metrics.csv is
/// read by <see cref="MetricsCsv"/>, which also takes the 10-column files of sweep folders written before the
/// control-message columns, so such a sweep resumes.</remarks>
internal static class CellResultsReader
{
    public static IReadOnlyList<AlgorithmResult> Read(string directory)
    {
        var summary = ReadJson(Path.Combine(directory, "summary.json"));
        var metrics = MetricsCsv.Read(Path.Combine(directory, "metrics.csv"));
        var decisions = DecisionFiles.Read(directory)
            ?? throw new FileNotFoundException($"{directory}: no decisions.csv or decisions.parquet", Path.Combine(directory, "decisions.csv"));
        var results = new List<AlgorithmResult>();
        foreach (var algorithm in (JArray)summary["algorithms"]!)
        {
            var label = (string)algorithm["label"]!;
            results.Add(new AlgorithmResult(
                label,
                (int)algorithm["iterations"]!,
                (long)algorithm["uploads"]!,
                (long)algorithm["uploadBytes"]!,
                (long)algorithm["paperBits"]!,
                (double)algorithm["simulatedSeconds"]!,
                metrics.Where(m => m.Algorithm == label).ToList(),
                decisions.Where(d => d.Algorithm == label).ToList(),
                (string)algorithm["stopReason"]!,
                (string)algorithm["message"]!));
        }

        return results;
    }

    /// <summary>A JSON object from <paramref name="path"/>, strings kept as strings (never parsed as dates).</summary>
    public static JObject ReadJson(string path)
    {
        using var text = new StreamReader(path);
        using var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }
}
