using System.Globalization;
using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Replay;

/// <summary>Reads and checks a decisions.csv that a run wrote (columns: algorithm, iteration, worker, decision, bytes,
/// compute_ns, requested).</summary>
/// <remarks>One pass over the file, each line parsed as a span in place: whole numbers in range (no negative
/// iteration, worker, bytes or compute time), a known decision, no bytes or compute time that replay would ignore,
/// and each method's rows in iteration order with workers 0 to M - 1 in each (<see cref="DecisionSequence"/>). The
/// first problem is an <see cref="InvalidDataException"/> whose message is one line naming the file, the line, the
/// column and the fix.</remarks>
public static class DecisionsCsv
{
    /// <summary>The largest byte count of one upload: its bits must fit a 64-bit count.</summary>
    public const long MaxBytes = long.MaxValue / 8;

    /// <summary>What to do about a damaged file, for messages.</summary>
    public const string Fix = "restore the file from the run, or run the scenario again to write it";

    private const string Header = "algorithm,iteration,worker,decision,bytes,compute_ns,requested";

    /// <summary>Every row of <paramref name="path"/>, checked.</summary>
    /// <param name="path">The file.</param>
    /// <param name="labels">When given, the methods the run had: a row of another method is an error.</param>
    /// <param name="labelsSource">The file <paramref name="labels"/> come from, for messages.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed decisions.csv; the message names the line.</exception>
    public static IReadOnlyList<DecisionRow> Read(string path, IReadOnlyCollection<string>? labels = null, string labelsSource = "the run") =>
        Fill(path, new DecisionLogBuilder(labels, labelsSource, keepRows: true)).Rows;

    /// <summary>Each method's decision log from <paramref name="path"/>, checked, in order of first appearance; the
    /// rows go straight into per-method arrays.</summary>
    /// <inheritdoc cref="Read" path="/param"/>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed decisions.csv; the message names the line.</exception>
    public static IReadOnlyList<DecisionLog> ReadLogs(string path, IReadOnlyCollection<string>? labels = null, string labelsSource = "the run") =>
        Fill(path, new DecisionLogBuilder(labels, labelsSource)).Logs();

    private static DecisionLogBuilder Fill(string path, DecisionLogBuilder builder)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file; give the decisions.csv of a results folder.", path);
        }

        using var reader = new SpanLineReader(new StreamReader(path));
        if (!reader.TryRead(out var header) || !header.SequenceEqual(Header))
        {
            var found = reader.Number == 0 ? "the file is empty" : "the first line is not the header";
            throw new InvalidDataException($"{path}: line 1: expected the header '{Header}' ({found}); {Fix}.");
        }

        while (reader.TryRead(out var line))
        {
            if (line.Length != 0 && Take(line, builder) is { } problem)
            {
                throw new InvalidDataException($"{path}: line {reader.Number.ToString(CultureInfo.InvariantCulture)}: {problem}; {Fix}.");
            }
        }

        if (builder.Finish() is { } end)
        {
            throw new InvalidDataException($"{path}: line {reader.Number.ToString(CultureInfo.InvariantCulture)}: {end}; {Fix}.");
        }

        return builder;
    }

    // One line into the builder; what is wrong with it, or null.
    private static string? Take(ReadOnlySpan<char> line, DecisionLogBuilder builder)
    {
        var label = SplitLabel(line, builder, out var rest);
        Span<Range> ranges = stackalloc Range[7];
        if (label is null || 1 + rest.Split(ranges, ',') != DecisionValues.Columns.Count)
        {
            // Split stops at the ranges it has room for; count the commas to name the true number of fields.
            var fields = label is null ? 0 : line.StartsWith('"') ? 2 + rest.Count(',') : line.Count(',') + 1;
            return $"{fields.ToString(CultureInfo.InvariantCulture)} fields where {DecisionValues.Columns.Count.ToString(CultureInfo.InvariantCulture)} were expected ({Header})";
        }

        var iteration = rest[ranges[0]];
        var worker = rest[ranges[1]];
        var decision = rest[ranges[2]];
        var bytes = rest[ranges[3]];
        var compute = rest[ranges[4]];
        var requested = rest[ranges[5]];
        if (!int.TryParse(iteration, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k))
        {
            return DecisionValues.NotWhole(1, iteration);
        }

        if (!int.TryParse(worker, NumberStyles.Integer, CultureInfo.InvariantCulture, out var w))
        {
            return DecisionValues.NotWhole(2, worker);
        }

        if (!long.TryParse(bytes, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size))
        {
            return DecisionValues.NotWhole(4, bytes);
        }

        if (!long.TryParse(compute, NumberStyles.Integer, CultureInfo.InvariantCulture, out var nanoseconds))
        {
            return DecisionValues.NotWhole(5, compute);
        }

        if (!bool.TryParse(requested, out var asked))
        {
            return $"column 'requested': '{Shorten(requested.ToString())}' is not true or false";
        }

        return builder.Add(label!, k, w, DecisionKinds.Parse(decision), decision, size, nanoseconds, asked);
    }

    /// <summary><paramref name="text"/> cut to 40 characters, control characters shown as '?': a damaged field
    /// named in a message keeps it one short line.</summary>
    internal static string Shorten(string text)
    {
        var shown = text.Length > 40 ? text[..40] + "..." : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }

    // The label (null when a quoted label has no end) and the rest of the line after its comma. The label may be
    // quoted by the CSV writer when it holds a comma; the other fields never are.
    private static string? SplitLabel(ReadOnlySpan<char> line, DecisionLogBuilder builder, out ReadOnlySpan<char> rest)
    {
        if (!line.StartsWith('"'))
        {
            var comma = line.IndexOf(',');
            var text = comma < 0 ? line : line[..comma];
            rest = comma < 0 ? [] : line[(comma + 1)..];
            return builder.KnownLabel(text) ?? text.ToString();
        }

        // The closing quote is the first one not doubled ("" stands for one quote inside the label).
        var at = 1;
        while (true)
        {
            var quote = line[at..].IndexOf('"');
            if (quote < 0)
            {
                rest = [];
                return null;
            }

            at += quote;
            if (at + 1 < line.Length && line[at + 1] == '"')
            {
                at += 2;
                continue;
            }

            break;
        }

        if (at + 1 >= line.Length || line[at + 1] != ',')
        {
            rest = [];
            return null;
        }

        var label = line[1..at].ToString().Replace("\"\"", "\"", StringComparison.Ordinal);
        rest = line[(at + 2)..];
        return builder.KnownLabel(label) ?? label;
    }
}
