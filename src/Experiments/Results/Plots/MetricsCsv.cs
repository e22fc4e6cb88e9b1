using System.Globalization;
using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Results.Plots;

/// <summary>Reads a metrics.csv that <see cref="CsvTables.Metrics"/> wrote (invariant culture, "NaN" for missing
/// values).</summary>
public static class MetricsCsv
{
    private const string Fix = "restore the file from the run, or run the scenario again to write it";

    /// <summary>The header line of metrics.csv.</summary>
    public const string Header = OlderHeader + ",counted_uploads,requests,request_bytes,skip_notices,skip_notice_bytes";

    /// <summary>The header line of metrics.csv in a run that reports top-5 accuracy.</summary>
    public const string Top5Header = Header + ",test_top5_accuracy";

    private const string CarriedColumn = ",carried_bytes";

    // Results folders written before the counted-uploads and control-message columns: read with those columns as
    // the uploads and 0.
    private const string OlderHeader =
        "algorithm,iteration,uploads,upload_bytes,paper_bits,simulated_seconds,train_loss,test_loss,test_accuracy,objective_error";

    /// <summary>Every row of the file at <paramref name="path"/>, in file order.</summary>
    /// <exception cref="InvalidDataException">The file is not a metrics.csv; the message names the line.</exception>
    public static IReadOnlyList<MetricsRow> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Every row of <paramref name="reader"/>; <paramref name="name"/> names the source in messages.</summary>
    /// <exception cref="InvalidDataException">The text is not a metrics.csv; the message names the line.</exception>
    public static IReadOnlyList<MetricsRow> Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        // A run off the star (issue 18) adds carried_bytes last.
        var carried = header is not null && header.EndsWith(CarriedColumn, StringComparison.Ordinal);
        if (carried)
        {
            header = header![..^CarriedColumn.Length];
        }

        if (header is not Header and not Top5Header && !(header is OlderHeader && !carried))
        {
            var found = header is null ? "the file is empty" : "the first line is not the header";
            throw new InvalidDataException($"{name}: line 1: expected the header '{Header}' ({found}); {Fix}.");
        }

        var rows = new List<MetricsRow>();
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var row = Parse(line, header switch { Top5Header => 16, Header => 15, _ => 10 }, carried)
                ?? throw new InvalidDataException($"{name}: line {number}: not a metrics row ({Replay.DecisionsCsv.Shorten(line)}): a field is missing or not a number; {Fix}.");
            if (Check(row) is { } problem)
            {
                throw new InvalidDataException($"{name}: line {number}: {problem}; {Fix}.");
            }

            rows.Add(row);
        }

        return rows;
    }

    // Counts and times a run writes are never negative; simulated_seconds is never NaN.
    private static string? Check(MetricsRow row)
    {
        (string Column, long Value)[] counts =
        [
            ("iteration", row.Iteration), ("uploads", row.Uploads), ("upload_bytes", row.UploadBytes), ("paper_bits", row.PaperBits),
            ("counted_uploads", row.CountedUploads), ("requests", row.Requests), ("request_bytes", row.RequestBytes),
            ("skip_notices", row.SkipNotices), ("skip_notice_bytes", row.SkipNoticeBytes),
        ];
        if (counts.FirstOrDefault(c => c.Value < 0) is { Column: { } column } negative)
        {
            return $"column '{column}': {negative.Value.ToString(CultureInfo.InvariantCulture)} is negative (write 0 or more)";
        }

        return double.IsFinite(row.SimulatedSeconds) && row.SimulatedSeconds >= 0
            ? null
            : $"column 'simulated_seconds': {row.SimulatedSeconds.ToString("R", CultureInfo.InvariantCulture)} is not a time (write a number of seconds, 0 or more)";
    }

    private static MetricsRow? Parse(string line, int fields, bool carried)
    {
        var f = CsvFields.Split(line);
        var carriedBytes = 0L;
        if (carried && (f is null || f.Length != fields + 1 || !long.TryParse(f[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out carriedBytes)))
        {
            return null;
        }

        if (f is null || f.Length != fields + (carried ? 1 : 0)
            || !int.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var iteration)
            || !long.TryParse(f[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var uploads)
            || !long.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes)
            || !long.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bits)
            || !TryNumber(f[5], out var seconds)
            || !TryNumber(f[6], out var trainLoss)
            || !TryNumber(f[7], out var testLoss)
            || !TryNumber(f[8], out var accuracy)
            || !TryNumber(f[9], out var objectiveError))
        {
            return null;
        }

        var row = new MetricsRow(f[0], iteration, uploads, bytes, bits, seconds, trainLoss, testLoss, accuracy, objectiveError, uploads);
        if (fields == 10)
        {
            return row;
        }

        var top5 = double.NaN;
        if (fields == 16 && !TryNumber(f[15], out top5))
        {
            return null;
        }

        var extra = new long[5];
        for (var i = 0; i < extra.Length; i++)
        {
            if (!long.TryParse(f[10 + i], NumberStyles.Integer, CultureInfo.InvariantCulture, out extra[i]))
            {
                return null;
            }
        }

        return row with
        {
            CountedUploads = extra[0],
            Requests = extra[1],
            RequestBytes = extra[2],
            SkipNotices = extra[3],
            SkipNoticeBytes = extra[4],
            TestTop5Accuracy = top5,
            CarriedBytes = carriedBytes,
        };
    }

    // "R" writes NaN, Infinity and -Infinity as those words in the invariant culture; Float accepts all three.
    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
