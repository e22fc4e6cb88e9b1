using System.Globalization;

namespace Sasg.NetSim.Network;

/// <summary>Reads capacity trace files (<see cref="CapacityTrace"/>): Mahimahi and CSV steps. Every error is one line,
/// <c>source:line: what is wrong; what to write instead</c>.</summary>
internal static class CapacityTraceFile
{
    /// <summary>The bytes one Mahimahi delivery opportunity carries.</summary>
    public const long PacketBytes = 1500;

    /// <summary>The header line of a CSV trace.</summary>
    public const string CsvHeader = "time_s,bits_per_second";

    // Times stay below long.MaxValue / 4 ns (about 73 years), so that offset arithmetic never overflows.
    private const long MaxNanoseconds = long.MaxValue / 4;

    private const long NanosecondsPerMillisecond = 1_000_000;

    public static CapacityTrace Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var format = FormatOf(path);
        using var reader = new StreamReader(path);
        return Parse(reader, format, path);
    }

    public static CapacityTrace Parse(TextReader reader, CapacityTraceFormat format, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        return format == CapacityTraceFormat.Csv ? ParseCsv(reader, source) : ParseMahimahi(reader, source);
    }

    /// <summary>CSV when the name ends in .csv or the first non-blank line holds a comma; else Mahimahi.</summary>
    public static CapacityTraceFormat FormatOf(string path)
    {
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return CapacityTraceFormat.Csv;
        }

        using var reader = new StreamReader(path);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length > 0)
            {
                return line.Contains(',', StringComparison.Ordinal) ? CapacityTraceFormat.Csv : CapacityTraceFormat.Mahimahi;
            }
        }

        return CapacityTraceFormat.Mahimahi;
    }

    private static CapacityTrace ParseMahimahi(TextReader reader, string source)
    {
        // Opportunities per millisecond bucket: a line t >= 1 delivers during [t - 1, t) ms; a line 0 is the same instant
        // as the previous loop's end, so it delivers during the last millisecond of the loop.
        var buckets = new List<(long Bucket, long Count)>();
        long zeros = 0;
        long lines = 0;
        long last = -1;
        var lineNumber = 0;
        var lastLine = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var text = raw.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > MaxNanoseconds / NanosecondsPerMillisecond)
            {
                throw Error(source, lineNumber, $"'{Shorten(text)}' is not a whole number of milliseconds", "write one timestamp in whole milliseconds (0 or more) per line");
            }

            if (ms < last)
            {
                throw Error(source, lineNumber, $"timestamp {ms} ms comes after {last} ms", "sort the timestamps: a Mahimahi trace never goes back in time");
            }

            last = ms;
            lastLine = lineNumber;
            lines++;
            if (ms == 0)
            {
                zeros++;
            }
            else if (buckets.Count > 0 && buckets[^1].Bucket == ms - 1)
            {
                buckets[^1] = (ms - 1, buckets[^1].Count + 1);
            }
            else
            {
                buckets.Add((ms - 1, 1));
            }
        }

        if (lines == 0)
        {
            throw Error(source, null, "the trace has no timestamps, so it never delivers a packet", "write one line per 1500-byte delivery opportunity, in milliseconds");
        }

        if (last == 0)
        {
            throw Error(source, lastLine, "the trace lasts 0 ms (its last timestamp is 0)", "end the trace with a timestamp above 0: the last one is the loop's length");
        }

        if (zeros > 0)
        {
            // Lines at 0 ms belong to the last bucket, [last - 1, last) ms, which the line at `last` always opened.
            buckets[^1] = (buckets[^1].Bucket, buckets[^1].Count + zeros);
        }

        var steps = new StepBuilder();
        var next = 0L;
        foreach (var (bucket, count) in buckets)
        {
            if (bucket > next)
            {
                steps.Add(next * NanosecondsPerMillisecond, 0);
            }

            steps.Add(bucket * NanosecondsPerMillisecond, count * CapacityTrace.BitsPerSecondPerOpportunity);
            next = bucket + 1;
        }

        return steps.Build(source, CapacityTraceFormat.Mahimahi, last * NanosecondsPerMillisecond, lines * PacketBytes * 8);
    }

    private static CapacityTrace ParseCsv(TextReader reader, string source)
    {
        var steps = new StepBuilder();
        var lineNumber = 0;
        var headerSeen = false;
        var lastTime = -1L;
        var lastRate = 0L;
        var lastLine = 0;
        Int128 bits = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var text = raw.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (!headerSeen)
            {
                if (!string.Equals(text, CsvHeader, StringComparison.Ordinal))
                {
                    throw Error(source, lineNumber, $"the header is '{Shorten(text)}'", $"start a CSV trace with the header '{CsvHeader}'");
                }

                headerSeen = true;
                continue;
            }

            var cells = text.Split(',');
            if (cells.Length != 2)
            {
                throw Error(source, lineNumber, $"expected 2 columns, found {cells.Length}", "write one step per line: time in seconds, capacity in bit/s, for example 0.5,12000000");
            }

            var time = Whole(cells[0], 1_000_000_000m, MaxNanoseconds, source, lineNumber, "time_s", "a time in seconds, 0 or more");
            var rate = Whole(cells[1], 1m, long.MaxValue, source, lineNumber, "bits_per_second", "a capacity in bit/s, 0 or more");
            if (lastTime < 0 && time != 0)
            {
                throw Error(source, lineNumber, $"the first step starts at {cells[0].Trim()} s, not 0", "start the first step at time 0");
            }

            if (lastTime >= 0 && time <= lastTime)
            {
                throw Error(source, lineNumber, $"time {cells[0].Trim()} s is not after the previous step's", "give the steps in increasing time, at least 1 ns apart");
            }

            if (lastTime >= 0)
            {
                bits += (Int128)lastRate * (time - lastTime) / 1_000_000_000;
            }

            steps.Add(time, rate);
            lastTime = time;
            lastRate = rate;
            lastLine = lineNumber;
        }

        if (!headerSeen || lastTime < 0)
        {
            throw Error(source, null, "the trace has no steps, so it never delivers a packet", $"write the header '{CsvHeader}' and one step per line, the first at time 0");
        }

        if (lastRate == 0)
        {
            throw Error(source, lastLine, "the last step is 0 bit/s, which the trace holds for ever, so a transfer then never ends", "end the trace with a step above 0 bit/s (a CSV trace holds its last step; it does not loop)");
        }

        return steps.Build(source, CapacityTraceFormat.Csv, lastTime, bits > long.MaxValue ? long.MaxValue : (long)bits);
    }

    // A non-negative decimal cell times scale, rounded to the nearest whole number (half away from zero).
    private static long Whole(string cell, decimal scale, long max, string source, int line, string column, string what)
    {
        var text = cell.Trim();
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(source, line, $"{column} '{Shorten(text)}' is not a number", $"write {what}, as a decimal number");
        }

        if (value < 0)
        {
            throw Error(source, line, $"{column} {text} is negative", $"write {what}");
        }

        if (value > max / scale)
        {
            throw Error(source, line, $"{column} {text} is too large", $"write {what}, at most {decimal.Floor(max / scale).ToString(CultureInfo.InvariantCulture)}");
        }

        var scaled = value * scale;

        return (long)decimal.Round(scaled, MidpointRounding.AwayFromZero);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static FormatException Error(string source, int? line, string problem, string fix) =>
        new(line is { } l ? $"{source}:{l}: {problem}; {fix}" : $"{source}: {problem}; {fix}");

    // Steps in increasing start order; a step with its predecessor's rate extends the predecessor.
    private sealed class StepBuilder
    {
        private readonly List<long> _starts = [];
        private readonly List<long> _rates = [];

        public void Add(long start, long rate)
        {
            if (_rates.Count > 0 && _rates[^1] == rate)
            {
                return;
            }

            _starts.Add(start);
            _rates.Add(rate);
        }

        public CapacityTrace Build(string source, CapacityTraceFormat format, long duration, long bits) =>
            new(source, format, [.. _starts], [.. _rates], duration, bits);
    }
}
