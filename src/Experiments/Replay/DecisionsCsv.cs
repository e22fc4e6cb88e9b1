using System.Globalization;
using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Replay;

/// <summary>Reads and checks a decisions.csv that a run wrote (columns: algorithm, iteration, worker, decision, bytes,
/// compute_ns, requested).</summary>
/// <remarks>Every row is checked as it is read: whole numbers in range (no negative iteration, worker, bytes or
/// compute time), a known decision, no bytes or compute time that replay would ignore, and each method's rows in
/// iteration order with workers 0 to M - 1 in each (<see cref="DecisionSequence"/>). The first problem is an
/// <see cref="InvalidDataException"/> whose message is one line naming the file, the line, the column and the fix.</remarks>
public static class DecisionsCsv
{
    /// <summary>The largest byte count of one upload: its bits must fit a 64-bit count.</summary>
    public const long MaxBytes = long.MaxValue / 8;

    /// <summary>What to do about a damaged file, for messages.</summary>
    public const string Fix = "restore the file from the run, or run the scenario again to write it";

    private const string Header = "algorithm,iteration,worker,decision,bytes,compute_ns,requested";

    private static readonly string[] Columns = Header.Split(',');

    /// <summary>Every row of <paramref name="path"/>, checked.</summary>
    /// <param name="path">The file.</param>
    /// <param name="labels">When given, the methods the run had: a row of another method is an error.</param>
    /// <param name="labelsSource">The file <paramref name="labels"/> come from, for messages.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed decisions.csv; the message names the line.</exception>
    public static IReadOnlyList<DecisionRow> Read(string path, IReadOnlyCollection<string>? labels = null, string labelsSource = "the run")
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file; give the decisions.csv of a results folder.", path);
        }

        var rows = new List<DecisionRow>();
        var sequence = new DecisionSequence();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header != Header)
        {
            var found = header is null ? "the file is empty" : "the first line is not the header";
            throw new InvalidDataException($"{path}: line 1: expected the header '{Header}' ({found}); {Fix}.");
        }

        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var row = Parse(line, out var problem);
            if (row is not null && labels is not null && sequence.IsNew(row.Algorithm) && !labels.Contains(row.Algorithm))
            {
                problem = $"column 'algorithm': '{Shorten(row.Algorithm)}' is not a method of this run ({labelsSource} lists {Shorten(string.Join(", ", labels))})";
            }

            problem ??= sequence.Next(row!.Algorithm, row.Iteration, row.Worker);
            if (problem is not null)
            {
                throw new InvalidDataException($"{path}: line {number.ToString(CultureInfo.InvariantCulture)}: {problem}; {Fix}.");
            }

            rows.Add(row!);
        }

        if (sequence.Finish() is { } end)
        {
            throw new InvalidDataException($"{path}: line {number.ToString(CultureInfo.InvariantCulture)}: {end}; {Fix}.");
        }

        return rows;
    }

    /// <summary>What is wrong with the values of <paramref name="row"/> taken alone, or null.</summary>
    internal static string? Check(DecisionRow row)
    {
        if (row.Iteration < 0)
        {
            return Range(1, row.Iteration, "0 or more");
        }

        if (row.Worker < 0)
        {
            return Range(2, row.Worker, "0 or more");
        }

        if (row.Decision is not ("upload" or "skip" or "not-requested"))
        {
            return $"column 'decision': '{Shorten(row.Decision)}' is not upload, skip or not-requested";
        }

        if (row.Bytes is < 0 or > MaxBytes)
        {
            return Range(4, row.Bytes, $"from 0 to {MaxBytes.ToString(CultureInfo.InvariantCulture)}");
        }

        if (row.Bytes != 0 && row.Decision != "upload")
        {
            return $"column 'bytes': {row.Bytes.ToString(CultureInfo.InvariantCulture)} bytes for a '{Shorten(row.Decision)}' decision, which sends nothing (0 expected)";
        }

        if (row.ComputeNanoseconds < 0)
        {
            return Range(5, row.ComputeNanoseconds, "0 or more");
        }

        return row.ComputeNanoseconds != 0 && row.Decision == "not-requested"
            ? $"column 'compute_ns': {row.ComputeNanoseconds.ToString(CultureInfo.InvariantCulture)} for a 'not-requested' decision, which computes nothing (0 expected)"
            : null;
    }

    private static DecisionRow? Parse(string line, out string? problem)
    {
        var fields = SplitLabel(line);
        if (fields.Length != Columns.Length)
        {
            problem = $"{fields.Length.ToString(CultureInfo.InvariantCulture)} fields where {Columns.Length.ToString(CultureInfo.InvariantCulture)} were expected ({Header})";
            return null;
        }

        if (!int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var iteration))
        {
            problem = NotWhole(1, fields[1]);
            return null;
        }

        if (!int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var worker))
        {
            problem = NotWhole(2, fields[2]);
            return null;
        }

        if (!long.TryParse(fields[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes))
        {
            problem = NotWhole(4, fields[4]);
            return null;
        }

        if (!long.TryParse(fields[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var compute))
        {
            problem = NotWhole(5, fields[5]);
            return null;
        }

        if (!bool.TryParse(fields[6], out var requested))
        {
            problem = $"column 'requested': '{Shorten(fields[6])}' is not true or false";
            return null;
        }

        var row = new DecisionRow(fields[0], iteration, worker, fields[3], bytes, compute, requested);
        problem = Check(row);
        return row;
    }

    private static string NotWhole(int column, string text) =>
        $"column '{Columns[column]}': '{Shorten(text)}' is not a whole number (or is out of range)";

    private static string Range(int column, long value, string range) =>
        $"column '{Columns[column]}': {value.ToString(CultureInfo.InvariantCulture)} is out of range (write {range})";

    /// <summary><paramref name="text"/> cut to 40 characters, control characters shown as '?': a damaged field
    /// named in a message keeps it one short line.</summary>
    internal static string Shorten(string text)
    {
        var shown = text.Length > 40 ? text[..40] + "..." : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
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
