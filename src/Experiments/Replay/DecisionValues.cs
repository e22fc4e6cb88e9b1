using System.Globalization;

namespace Sasg.Experiments.Replay;

/// <summary>The checks on one decision row's values taken alone, shared by the CSV and Parquet readers.</summary>
internal static class DecisionValues
{
    /// <summary>The columns of a decision row, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["algorithm", "iteration", "worker", "decision", "bytes", "compute_ns", "requested"];

    /// <summary>What is wrong with the values taken alone, or null: whole numbers in range, a known decision, no bytes
    /// or compute time that replay would ignore.</summary>
    public static string? Check(int iteration, int worker, DecisionKind? decision, ReadOnlySpan<char> decisionText, long bytes, long compute)
    {
        if (iteration < 0)
        {
            return Range(1, iteration, "0 or more");
        }

        if (worker < 0)
        {
            return Range(2, worker, "0 or more");
        }

        if (decision is not { } kind)
        {
            return $"column 'decision': '{DecisionsCsv.Shorten(decisionText.ToString())}' is not upload, skip, not-requested or not-sampled";
        }

        if (bytes is < 0 or > DecisionsCsv.MaxBytes)
        {
            return Range(4, bytes, $"from 0 to {DecisionsCsv.MaxBytes.ToString(CultureInfo.InvariantCulture)}");
        }

        if (bytes != 0 && kind != DecisionKind.Upload)
        {
            return $"column 'bytes': {bytes.ToString(CultureInfo.InvariantCulture)} bytes for a '{DecisionKinds.Name(kind)}' decision, which sends nothing (0 expected)";
        }

        if (compute < 0)
        {
            return Range(5, compute, "0 or more");
        }

        return compute != 0 && kind is DecisionKind.NotRequested or DecisionKind.NotSampled
            ? $"column 'compute_ns': {compute.ToString(CultureInfo.InvariantCulture)} for a '{DecisionKinds.Name(kind)}' decision, which computes nothing (0 expected)"
            : null;
    }

    /// <summary>A number that does not parse, for messages.</summary>
    public static string NotWhole(int column, ReadOnlySpan<char> text) =>
        $"column '{Columns[column]}': '{DecisionsCsv.Shorten(text.ToString())}' is not a whole number (or is out of range)";

    private static string Range(int column, long value, string range) =>
        $"column '{Columns[column]}': {value.ToString(CultureInfo.InvariantCulture)} is out of range (write {range})";
}
