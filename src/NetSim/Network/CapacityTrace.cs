namespace Sasg.NetSim.Network;

/// <summary>
/// A link capacity read from a trace file: a Mahimahi delivery-opportunity trace (looping) or a CSV of
/// <c>time_s,bits_per_second</c> steps (holding its last step), read from a start offset on. The file formats, the
/// fluid reading of a Mahimahi trace and the rounding are in docs/netsim.md ("Capacity traces").
/// </summary>
/// <remarks>The steps are shared between the copies <see cref="WithStartOffset"/> makes. A lookup remembers the step it
/// found last, so that queries moving forward in time cost O(1) amortised; any other query is a binary search,
/// O(log steps). A copy may be queried from several threads (the remembered step is only a hint, checked before
/// use).</remarks>
public sealed class CapacityTrace : ICapacitySchedule
{
    /// <summary>The capacity of one Mahimahi delivery opportunity per millisecond: 1500 bytes per ms, 12 Mbit/s.</summary>
    public const long BitsPerSecondPerOpportunity = CapacityTraceFile.PacketBytes * 8 * 1000;

    private readonly long[] _starts;
    private readonly long[] _rates;
    private readonly long _phase;
    private int _cursor;

    internal CapacityTrace(string source, CapacityTraceFormat format, long[] starts, long[] rates, long duration, long totalBits)
    {
        Source = source;
        Format = format;
        _starts = starts;
        _rates = rates;
        Duration = duration;
        BitsPerPeriod = totalBits;
    }

    private CapacityTrace(CapacityTrace trace, long startOffset)
    {
        Source = trace.Source;
        Format = trace.Format;
        _starts = trace._starts;
        _rates = trace._rates;
        Duration = trace.Duration;
        BitsPerPeriod = trace.BitsPerPeriod;
        StartOffset = startOffset;
        _phase = Loops ? startOffset % Duration : 0;
    }

    /// <summary>The file the trace was read from (as named to the parser).</summary>
    public string Source { get; }

    /// <summary>The file's format.</summary>
    public CapacityTraceFormat Format { get; }

    /// <summary>Whether the trace repeats after <see cref="Duration"/> (a Mahimahi trace); a CSV trace holds its last step.</summary>
    public bool Loops => Format == CapacityTraceFormat.Mahimahi;

    /// <summary>The trace's length in nanoseconds: the loop period of a Mahimahi trace (its last timestamp), the start of
    /// the last step of a CSV trace (0 for a single step). A random start offset is drawn in [0, Duration).</summary>
    public long Duration { get; }

    /// <summary>The bits the trace carries over one <see cref="Duration"/> (a Mahimahi trace: its lines × 12,000 bits;
    /// a CSV trace: over its steps before the last).</summary>
    public long BitsPerPeriod { get; }

    /// <summary>The mean capacity over one loop (a Mahimahi trace) in bit/s; for a CSV trace, the last step's capacity,
    /// which it holds for ever.</summary>
    public double MeanBitsPerSecond => Loops ? BitsPerPeriod * 1e9 / Duration : _rates[^1];

    /// <summary>The time in the trace that simulated time 0 reads (nanoseconds, at least 0).</summary>
    public long StartOffset { get; }

    /// <summary>The number of constant steps the trace is made of (equal neighbours merged).</summary>
    public int StepCount => _starts.Length;

    /// <summary>A copy that reads the trace from <paramref name="startOffset"/> on: its capacity at time t is this
    /// trace's capacity at t + <paramref name="startOffset"/> (a looping trace wraps).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="startOffset"/> is negative.</exception>
    public CapacityTrace WithStartOffset(long startOffset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startOffset);
        return new CapacityTrace(this, startOffset);
    }

    /// <summary>Reads the trace file at <paramref name="path"/>; the format is CSV when the name ends in <c>.csv</c>
    /// or its first line holds a comma, else Mahimahi.</summary>
    /// <exception cref="FormatException">The file is malformed or never delivers a packet; the message is one line
    /// naming the file and line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CapacityTrace Load(string path) => CapacityTraceFile.Load(path);

    /// <summary>Reads a trace of the given format from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="FormatException">The text is malformed or never delivers a packet; the message is one line
    /// naming the source and line.</exception>
    public static CapacityTrace Parse(TextReader reader, CapacityTraceFormat format, string source = "trace") =>
        CapacityTraceFile.Parse(reader, format, source);

    /// <inheritdoc/>
    public long BitsPerSecondAt(long time) => _rates[Locate(Position(time))];

    /// <inheritdoc/>
    public long NextChange(long time)
    {
        var position = Position(time);
        var i = Locate(position);
        long boundary;
        if (i + 1 < _starts.Length)
        {
            boundary = _starts[i + 1];
        }
        else if (!Loops || _starts.Length == 1)
        {
            return long.MaxValue;
        }
        else
        {
            // The loop wraps to step 0; when step 0 has the last step's rate the change is at step 1's start.
            boundary = _rates[0] == _rates[i] ? Duration + _starts[1] : Duration;
        }

        var delta = boundary - position;
        return time > long.MaxValue - delta ? long.MaxValue : time + delta;
    }

    // Where time reads the trace: wrapped into [0, Duration) for a looping trace, else time + offset (saturating).
    private long Position(long time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(time);
        if (Loops)
        {
            // Both terms are below Duration, which the parser keeps below long.MaxValue / 4.
            return ((time % Duration) + _phase) % Duration;
        }

        return time > long.MaxValue - StartOffset ? long.MaxValue : time + StartOffset;
    }

    // The step holding position: the remembered step or its successor when time moved forward, else binary search.
    private int Locate(long position)
    {
        var last = _starts.Length - 1;
        var i = Volatile.Read(ref _cursor);
        if (_starts[i] <= position && (i == last || position < _starts[i + 1]))
        {
            return i;
        }

        if (i < last && _starts[i + 1] <= position && (i + 1 == last || position < _starts[i + 2]))
        {
            Volatile.Write(ref _cursor, i + 1);
            return i + 1;
        }

        var found = Array.BinarySearch(_starts, position);
        i = found >= 0 ? found : ~found - 1;
        Volatile.Write(ref _cursor, i);
        return i;
    }
}

/// <summary>The format of a capacity trace file.</summary>
public enum CapacityTraceFormat
{
    /// <summary>One line per 1500-byte delivery opportunity, in whole milliseconds, non-decreasing; loops.</summary>
    Mahimahi,

    /// <summary>A header <c>time_s,bits_per_second</c>, then one step per line; holds the last step.</summary>
    Csv,
}
