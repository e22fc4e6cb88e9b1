using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Replay;

namespace Sasg.Experiments.Sweeps;

/// <summary>Reads a finished cell's results folder back into results (summary.json, metrics.csv, decisions.csv),
/// so that a resumed sweep replays the remaining cells of a learning group without training again.</summary>
/// <remarks>Doubles are written in round-trip form, so the values read back are the values written.</remarks>
internal static class CellResultsReader
{
    private const string MetricsHeader =
        "algorithm,iteration,uploads,upload_bytes,paper_bits,simulated_seconds,train_loss,test_loss,test_accuracy,objective_error,"
        + "counted_uploads,requests,request_bytes,skip_notices,skip_notice_bytes";

    public static IReadOnlyList<AlgorithmResult> Read(string directory)
    {
        var summary = ReadJson(Path.Combine(directory, "summary.json"));
        var metrics = ReadMetrics(Path.Combine(directory, "metrics.csv"));
        var decisions = DecisionsCsv.Read(Path.Combine(directory, "decisions.csv"));
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

    private static List<MetricsRow> ReadMetrics(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != MetricsHeader)
        {
            throw new InvalidDataException($"{path}: line 1: expected the header '{MetricsHeader}'.");
        }

        var rows = new List<MetricsRow>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var f = SweepCsv.Split(lines[i]);
            if (f.Count != 15)
            {
                throw new InvalidDataException($"{path}: line {i + 1}: expected 15 fields, found {f.Count}.");
            }

            rows.Add(new MetricsRow(
                f[0],
                int.Parse(f[1], CultureInfo.InvariantCulture),
                long.Parse(f[2], CultureInfo.InvariantCulture),
                long.Parse(f[3], CultureInfo.InvariantCulture),
                long.Parse(f[4], CultureInfo.InvariantCulture),
                SweepCsv.Number(f[5]),
                SweepCsv.Number(f[6]),
                SweepCsv.Number(f[7]),
                SweepCsv.Number(f[8]),
                SweepCsv.Number(f[9]),
                long.Parse(f[10], CultureInfo.InvariantCulture),
                long.Parse(f[11], CultureInfo.InvariantCulture),
                long.Parse(f[12], CultureInfo.InvariantCulture),
                long.Parse(f[13], CultureInfo.InvariantCulture),
                long.Parse(f[14], CultureInfo.InvariantCulture)));
        }

        return rows;
    }
}
