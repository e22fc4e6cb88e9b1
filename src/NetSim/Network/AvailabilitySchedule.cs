using System.Globalization;

namespace Sasg.NetSim.Network;

/// <summary>
/// When each worker is online: from an availability file (CSV <c>worker,online_from_s,online_until_s</c>, several
/// intervals per worker) or a seeded on/off model (exponential online and offline durations). Formats, merging and
/// the model's start are in docs/netsim.md ("Worker availability").
/// </summary>
/// <remarks>Each worker's state changes are a sorted list of times (the model generates its list lazily, forward in
/// time, from the worker's own stream <c>availability/&lt;w&gt;</c>, so every answer is the same whatever was asked
/// before and in which order). Queries that move forward in time cost O(1) amortised, others O(log changes). Safe to
/// query from several threads.</remarks>
public sealed class AvailabilitySchedule : IWorkerAvailability
{
    /// <summary>The header line an availability file must start with.</summary>
    public const string Header = "worker,online_from_s,online_until_s";

    private readonly AvailabilityTimeline?[] _timelines;
    private readonly Func<int, AvailabilityTimeline>? _create;

    private AvailabilitySchedule(AvailabilityTimeline?[] timelines, Func<int, AvailabilityTimeline>? create)
    {
        _timelines = timelines;
        _create = create;
    }

    /// <summary>The number of workers, M; queries take a worker in 0..M-1.</summary>
    public int Workers => _timelines.Length;

    /// <summary>Reads the availability file at <paramref name="path"/> for <paramref name="workers"/> workers.</summary>
    /// <exception cref="FormatException">A line is malformed, names a worker outside 0..M-1 or an interval that ends
    /// before it starts; the message is one line naming the file and line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static AvailabilitySchedule Load(string path, int workers)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Parse(reader, workers, path);
    }

    /// <summary>Reads an availability file from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    /// <remarks>A worker online on [from, until) for each of its lines; its intervals may overlap or touch (they are
    /// merged); a worker with no line is always online; <c>until</c> may be <c>inf</c> (online from then on).</remarks>
    /// <exception cref="FormatException">As <see cref="Load"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workers"/> is below 1.</exception>
    public static AvailabilitySchedule Parse(TextReader reader, int workers, string source = "availability")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var intervals = new List<(long From, long Until)>?[workers];
        var lineNumber = 0;
        var headerSeen = false;
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
                headerSeen = string.Equals(text, Header, StringComparison.Ordinal)
                    ? true
                    : throw Error(source, lineNumber, $"the header is '{Shorten(text)}'", $"start the file with the header '{Header}'");
                continue;
            }

            var cells = text.Split(',');
            if (cells.Length != 3)
            {
                throw Error(source, lineNumber, $"expected 3 columns, found {cells.Length}", "write worker,online_from_s,online_until_s, for example 0,0,120.5");
            }

            var worker = cells[0].Trim();
            if (!int.TryParse(worker, NumberStyles.None, CultureInfo.InvariantCulture, out var w) || w >= workers)
            {
                throw Error(source, lineNumber, $"worker '{Shorten(worker)}' is not one of the {workers} workers", $"write a worker index in 0..{workers - 1}");
            }

            var from = Seconds(cells[1], source, lineNumber, "online_from_s", allowInfinity: false);
            var until = Seconds(cells[2], source, lineNumber, "online_until_s", allowInfinity: true);
            if (until <= from)
            {
                throw Error(source, lineNumber, $"the interval ends at {cells[2].Trim()} s, not after it starts at {cells[1].Trim()} s", "give online_until_s greater than online_from_s");
            }

            (intervals[w] ??= []).Add((from, until));
        }

        if (!headerSeen)
        {
            throw Error(source, null, "the file is empty", $"start it with the header '{Header}', then one line per online interval");
        }

        return new AvailabilitySchedule(intervals.Select(list => list is null ? null : AvailabilityTimeline.FromIntervals(list)).ToArray(), null);
    }

    /// <summary>The on/off model: each worker alternates online and offline periods whose lengths are exponential with
    /// the given means (rounded to whole nanoseconds, at least 1 ns), drawn from its own stream
    /// <c>availability/&lt;w&gt;</c> under <paramref name="seed"/>. At time 0 a worker is online with probability
    /// meanOnline / (meanOnline + meanOffline), the stationary share (first draw of its stream), so the share of
    /// workers online does not drift over the run.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workers"/> is below 1 or a mean is below 1 ns.</exception>
    public static AvailabilitySchedule OnOff(int workers, long meanOnlineNanoseconds, long meanOfflineNanoseconds, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(meanOnlineNanoseconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(meanOfflineNanoseconds, 1);
        return new AvailabilitySchedule(
            new AvailabilityTimeline?[workers],
            w => AvailabilityTimeline.OnOff(new SeededRandom(seed, $"availability/{w}"), meanOnlineNanoseconds, meanOfflineNanoseconds));
    }

    /// <inheritdoc/>
    public bool IsOnline(int worker, long time) => Timeline(worker, time)?.IsOnline(time) ?? true;

    /// <inheritdoc/>
    public long NextChange(int worker, long time) => Timeline(worker, time)?.NextChange(time) ?? long.MaxValue;

    private AvailabilityTimeline? Timeline(int worker, long time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(worker);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(worker, _timelines.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(time);
        if (_create is null)
        {
            return _timelines[worker];
        }

        // Created on first use: a run of 100,000 workers that asks about a few pays for those few.
        var timeline = Volatile.Read(ref _timelines[worker]);
        if (timeline is null)
        {
            Interlocked.CompareExchange(ref _timelines[worker], _create(worker), null);
            timeline = Volatile.Read(ref _timelines[worker]);
        }

        return timeline;
    }

    // Seconds as a decimal, rounded to the nearest nanosecond (half away from zero); "inf" when allowed.
    private static long Seconds(string cell, string source, int line, string column, bool allowInfinity)
    {
        var text = cell.Trim();
        if (allowInfinity && string.Equals(text, "inf", StringComparison.OrdinalIgnoreCase))
        {
            return long.MaxValue;
        }

        const decimal max = long.MaxValue / 4 / 1_000_000_000;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds > max)
        {
            var what = allowInfinity ? "a time in seconds (0 or more) or inf" : "a time in seconds, 0 or more";
            throw Error(source, line, $"{column} '{Shorten(text)}' is not a time in 0..{max} s", $"write {what}");
        }

        return (long)decimal.Round(seconds * 1_000_000_000m, MidpointRounding.AwayFromZero);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static FormatException Error(string source, int? line, string problem, string fix) =>
        new(line is { } l ? $"{source}:{l}: {problem}; {fix}" : $"{source}: {problem}; {fix}");
}
