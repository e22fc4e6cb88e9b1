using System.Globalization;
using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Replay;

/// <summary>Reads a decisions.csv that a run wrote (columns: algorithm, iteration, worker, decision, bytes,
/// compute_ns, requested).</summary>
public static class DecisionsCsv
{
    private const string Header = "algorithm,iteration,worker,decision,bytes,compute_ns,requested";

    /// <summary>Every row of <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a decisions.csv; the message names the line.</exception>
    public static IReadOnlyList<DecisionRow> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file; give the decisions.csv of a results folder.", path);
        }

        var rows = new List<DecisionRow>();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header != Header)
        {
            throw new InvalidDataException($"{path}: line 1: expected the header '{Header}'.");
        }

        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = SplitLabel(line);
            if (fields.Length != 7
                || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var iteration)
                || !int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var worker)
                || !long.TryParse(fields[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes)
                || !long.TryParse(fields[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var compute)
                || !bool.TryParse(fields[6], out var requested))
            {
                throw new InvalidDataException($"{path}: line {number}: not a decision row ({line}).");
            }

            rows.Add(new DecisionRow(fields[0], iteration, worker, fields[3], bytes, compute, requested));
        }

        return rows;
    }

    // The label may be quoted by the CSV writer when it holds a comma; the other fields never are.
    private static string[] SplitLabel(string line)
    {
        if (!line.StartsWith('"'))
        {
            return line.Split(',');
        }

        var close = line.IndexOf("\",", 1, StringComparison.Ordinal);
        if (close < 0)
        {
            return [];
        }

        var label = line[1..close].Replace("\"\"", "\"", StringComparison.Ordinal);
        return [label, .. line[(close + 2)..].Split(',')];
    }
}
