using System.Globalization;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Trace;

namespace Sasg.Experiments.Results.Plots;

/// <summary>Reads the first rounds of one method from a run's trace.csv (an <c>algorithm</c> column, then the columns
/// of docs/netsim.md), or from a single method's trace-&lt;label&gt;.csv (those columns alone, as results folders written before
/// 29 November 2026 hold).</summary>
public static class TraceCsv
{
    /// <summary>The header line of a trace CSV.</summary>
    public const string Header = "start_ns,end_ns,node,kind,round,bytes";

    private static readonly Dictionary<string, TraceKind> Kinds =
        Enum.GetValues<TraceKind>().ToDictionary(CsvTraceSink.KindName, k => k, StringComparer.Ordinal);

    /// <summary>The combined file's header line.</summary>
    public const string CombinedHeader = RunTraces.MethodColumn + "," + Header;

    /// <summary>The records of rounds 0 to <paramref name="rounds"/> - 1 of the file at <paramref name="path"/>: of
    /// method <paramref name="label"/> in a combined trace.csv; of the file's one method in a trace-&lt;label&gt;.csv.</summary>
    /// <remarks>A method's records are written together, a round's records together and rounds in order, so reading
    /// stops at the first record of a later round (or of the next method); long traces cost only what is plotted.</remarks>
    /// <exception cref="InvalidDataException">The file is not a trace CSV; the message names the line.</exception>
    public static IReadOnlyList<TraceRecord> Read(string path, int rounds, string? label = null)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        var combined = header == CombinedHeader;
        if (!combined && header != Header)
        {
            throw new InvalidDataException($"{path}: line 1: expected the header '{CombinedHeader}' or '{Header}'.");
        }

        var records = new List<TraceRecord>();
        var number = 1;
        var seen = false;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = CsvFields.Split(line);
            var record = fields is null ? null : Parse(fields, combined ? 1 : 0);
            if (record is not { } found)
            {
                throw new InvalidDataException($"{path}: line {number}: not a trace row ({line}).");
            }

            if (combined && fields![0] != label)
            {
                if (seen)
                {
                    break;
                }

                continue;
            }

            seen = true;
            if (found.Round >= rounds)
            {
                break;
            }

            records.Add(found);
        }

        return records;
    }

    private static TraceRecord? Parse(string[] all, int skip)
    {
        var f = all.AsSpan(skip);
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
