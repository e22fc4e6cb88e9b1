using System.Globalization;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Trace;

namespace Sasg.Experiments.Results.Plots;

/// <summary>Reads the first rounds of a trace-&lt;label&gt;.csv (columns in docs/netsim.md).</summary>
public static class TraceCsv
{
    /// <summary>The header line of a trace CSV.</summary>
    public const string Header = "start_ns,end_ns,node,kind,round,bytes";

    private static readonly Dictionary<string, TraceKind> Kinds =
        Enum.GetValues<TraceKind>().ToDictionary(CsvTraceSink.KindName, k => k, StringComparer.Ordinal);

    /// <summary>The records of rounds 0 to <paramref name="rounds"/> - 1 of the file at <paramref name="path"/>.</summary>
    /// <remarks>A round's records are written together and rounds in order, so reading stops at the first record
    /// of a later round; long traces cost only what is plotted.</remarks>
    /// <exception cref="InvalidDataException">The file is not a trace CSV; the message names the line.</exception>
    public static IReadOnlyList<TraceRecord> Read(string path, int rounds)
    {
        using var reader = new StreamReader(path);
        if (reader.ReadLine() != Header)
        {
            throw new InvalidDataException($"{path}: line 1: expected the header '{Header}'.");
        }

        var records = new List<TraceRecord>();
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var record = Parse(line) ?? throw new InvalidDataException($"{path}: line {number}: not a trace row ({line}).");
            if (record.Round >= rounds)
            {
                break;
            }

            records.Add(record);
        }

        return records;
    }

    private static TraceRecord? Parse(string line)
    {
        var f = line.Split(',');
        if (f.Length != 6
            || !long.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var end)
            || !TryNode(f[2], out var node)
            || !Kinds.TryGetValue(f[3], out var kind)
            || !int.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var round)
            || !long.TryParse(f[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes))
        {
            return null;
        }

        return new TraceRecord(SimTime.FromNanoseconds(start), SimTime.FromNanoseconds(end), node, kind, round, bytes);
    }

    private static bool TryNode(string text, out int node)
    {
        if (text == "server")
        {
            node = TraceRecord.ServerNode;
            return true;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out node) && node >= 0;
    }
}
