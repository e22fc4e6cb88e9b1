using System.Globalization;
using CsvHelper;
using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Results;

/// <summary>The CSV files of a results folder, with stable columns and invariant culture (round-trip doubles).</summary>
public static class CsvTables
{
    private static readonly CsvWriterOptions Options =
        CsvWriterOptions.Default with { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };

    /// <summary>metrics.csv: one row per evaluation point of every method; with <paramref name="top5"/> (a run that
    /// reports top-5 accuracy) a column test_top5_accuracy; with <paramref name="carried"/> (a run off the star, issue 18)
    /// a last column carried_bytes.</summary>
    public static string Metrics(IEnumerable<MetricsRow> rows, bool top5 = false, bool carried = false) => Write(
        rows,
        [
            "algorithm", "iteration", "uploads", "upload_bytes", "paper_bits", "simulated_seconds",
            "train_loss", "test_loss", "test_accuracy", "objective_error", "counted_uploads", "requests", "request_bytes",
            "skip_notices", "skip_notice_bytes", .. top5 ? (string[])["test_top5_accuracy"] : [],
            .. carried ? (string[])["carried_bytes"] : [],
        ],
        (csv, r) =>
    {
        csv.WriteField(r.Algorithm);
        csv.WriteField(Whole(r.Iteration));
        csv.WriteField(Whole(r.Uploads));
        csv.WriteField(Whole(r.UploadBytes));
        csv.WriteField(Whole(r.PaperBits));
        csv.WriteField(Number(r.SimulatedSeconds));
        csv.WriteField(Number(r.TrainLoss));
        csv.WriteField(Number(r.TestLoss));
        csv.WriteField(Number(r.TestAccuracy));
        csv.WriteField(Number(r.ObjectiveError));
        csv.WriteField(Whole(r.CountedUploads));
        csv.WriteField(Whole(r.Requests));
        csv.WriteField(Whole(r.RequestBytes));
        csv.WriteField(Whole(r.SkipNotices));
        csv.WriteField(Whole(r.SkipNoticeBytes));
        if (top5)
        {
            csv.WriteField(Number(r.TestTop5Accuracy));
        }

        if (carried)
        {
            csv.WriteField(Whole(r.CarriedBytes));
        }
    });

    /// <summary>decisions.csv: one row per worker per iteration of every method (the input of replay).</summary>
    public static string Decisions(IEnumerable<DecisionRow> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        WriteDecisions(text, rows);
        return text.ToString();
    }

    /// <summary>Writes decisions.csv's rows to <paramref name="output"/> as they are enumerated (no whole table in
    /// memory).</summary>
    public static void WriteDecisions(TextWriter output, IEnumerable<DecisionRow> rows) => Write(
        output,
        rows,
        ["algorithm", "iteration", "worker", "decision", "bytes", "compute_ns", "requested"],
        (csv, r) =>
    {
        csv.WriteField(r.Algorithm);
        csv.WriteField(Whole(r.Iteration));
        csv.WriteField(Whole(r.Worker));
        csv.WriteField(r.Decision);
        csv.WriteField(Whole(r.Bytes));
        csv.WriteField(Whole(r.ComputeNanoseconds));
        csv.WriteField(r.Requested ? "true" : "false");
    });

    /// <summary>A double in round-trip form, "NaN" for missing values.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Write<T>(IEnumerable<T> rows, string[] header, Action<CsvWriter, T> row)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, rows, header, row);
        return text.ToString();
    }

    private static void Write<T>(TextWriter output, IEnumerable<T> rows, string[] header, Action<CsvWriter, T> row)
    {
        using var csv = CsvWriter.Create(output, Options, true);
        csv.WriteHeader(header);
        foreach (var r in rows)
        {
            row(csv, r);
            csv.EndRecord();
        }
    }
}
