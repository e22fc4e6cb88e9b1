using System.Globalization;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Protocols;

namespace Sasg.Experiments.Results;

/// <summary>The results of a run under a time-driven protocol (deadline, asynchronous, buffered): staleness.csv (one
/// row per applied message), protocol-workers.csv (one row per worker) and the <c>protocol</c> object of each method
/// in summary.json. A synchronous run writes none of them, so its folder keeps its bytes.</summary>
public static class ProtocolTables
{
    /// <summary>staleness.csv's file name.</summary>
    public const string StalenessName = "staleness.csv";

    /// <summary>protocol-workers.csv's file name.</summary>
    public const string WorkersName = "protocol-workers.csv";

    /// <summary>The files this writes.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [StalenessName, WorkersName];

    /// <summary>Writes the protocol files of <paramref name="results"/> into <paramref name="directory"/> with
    /// <paramref name="write"/> (path, text) and returns their paths; none when no result has a protocol report.</summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<AlgorithmResult> results, Action<string, string> write)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(write);
        var reported = results.Where(r => r.Protocol is not null).ToList();
        if (reported.Count == 0)
        {
            return [];
        }

        var staleness = CsvTables.Write(
            reported.SelectMany(r => r.Protocol!.Applied.Select(a => (r.Label, a))),
            ["algorithm", "update", "worker", "staleness", "message", "queue_wait_seconds", "simulated_seconds"],
            (csv, row) =>
            {
                csv.WriteField(row.Label);
                csv.WriteField(Whole(row.a.Update));
                csv.WriteField(Whole(row.a.Worker));
                csv.WriteField(Whole(row.a.Staleness));
                csv.WriteField(row.a.Upload ? "upload" : "skip");
                csv.WriteField(CsvTables.Number(row.a.QueueWaitNanoseconds / 1e9));
                csv.WriteField(CsvTables.Number(row.a.Seconds));
            });
        var workers = CsvTables.Write(
            reported.SelectMany(r => r.Protocol!.Workers.Select(w => (r.Label, w))),
            ["algorithm", "worker", "turns", "uploads", "skip_notices", "applied", "lost_offline", "dropped_late", "wasted_bytes"],
            (csv, row) =>
            {
                csv.WriteField(row.Label);
                csv.WriteField(Whole(row.w.Worker));
                csv.WriteField(Whole(row.w.Turns));
                csv.WriteField(Whole(row.w.Uploads));
                csv.WriteField(Whole(row.w.SkipNotices));
                csv.WriteField(Whole(row.w.Applied));
                csv.WriteField(Whole(row.w.LostOffline));
                csv.WriteField(Whole(row.w.DroppedLate));
                csv.WriteField(Whole(row.w.WastedBytes));
            });
        var paths = new[] { Path.Combine(directory, StalenessName), Path.Combine(directory, WorkersName) };
        write(paths[0], staleness);
        write(paths[1], workers);
        return paths;
    }

    /// <summary>The <c>protocol</c> object of a method in summary.json: staleness and queue-wait percentiles (nearest
    /// rank), losses, wasted bytes, empty rounds and how the protocol ended.</summary>
    public static JObject Summary(ProtocolReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JObject
        {
            ["kind"] = report.Kind,
            ["outcome"] = report.Outcome,
            ["appliedMessages"] = report.Applied.Count,
            ["staleness"] = new JObject
            {
                ["p50"] = report.StalenessPercentile(0.5),
                ["p90"] = report.StalenessPercentile(0.9),
                ["p99"] = report.StalenessPercentile(0.99),
                ["max"] = report.StalenessPercentile(1),
            },
            ["queueWaitSeconds"] = new JObject
            {
                ["p50"] = report.QueueWaitPercentile(0.5) / 1e9,
                ["p90"] = report.QueueWaitPercentile(0.9) / 1e9,
                ["p99"] = report.QueueWaitPercentile(0.99) / 1e9,
            },
            ["lostOffline"] = report.Workers.Sum(w => w.LostOffline),
            ["droppedLate"] = report.Workers.Sum(w => w.DroppedLate),
            ["wastedBytes"] = report.WastedBytes,
            ["emptyRounds"] = report.EmptyRounds,
        };
    }

    private static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);
}
