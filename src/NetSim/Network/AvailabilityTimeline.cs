namespace Sasg.NetSim.Network;

/// <summary>One worker's online state over time: its state at time 0 and the sorted times at which it flips, either
/// fixed (an availability file) or generated on demand from a seeded on/off model.</summary>
internal sealed class AvailabilityTimeline
{
    private readonly List<long> _changes = [];
    private readonly SeededRandom? _random;
    private readonly long _meanOnline;
    private readonly long _meanOffline;
    private readonly Lock _lock = new();
    private bool _complete;
    private int _cursor;

    private AvailabilityTimeline(bool onlineAtZero, SeededRandom? random, long meanOnline, long meanOffline)
    {
        OnlineAtZero = onlineAtZero;
        _random = random;
        _meanOnline = meanOnline;
        _meanOffline = meanOffline;
        _complete = random is null;
    }

    public bool OnlineAtZero { get; }

    /// <summary>Online on the union of <paramref name="intervals"/> ([from, until), until = long.MaxValue for ever).</summary>
    public static AvailabilityTimeline FromIntervals(List<(long From, long Until)> intervals)
    {
        intervals.Sort((a, b) => a.From != b.From ? a.From.CompareTo(b.From) : a.Until.CompareTo(b.Until));
        var merged = new List<(long From, long Until)>();
        foreach (var (from, until) in intervals)
        {
            if (merged.Count > 0 && from <= merged[^1].Until)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].Until, until));
            }
            else
            {
                merged.Add((from, until));
            }
        }

        var timeline = new AvailabilityTimeline(merged[0].From == 0, null, 0, 0);
        foreach (var (from, until) in merged)
        {
            if (from > 0)
            {
                timeline._changes.Add(from);
            }

            if (until != long.MaxValue)
            {
                timeline._changes.Add(until);
            }
        }

        return timeline;
    }

    /// <summary>Alternating exponential periods; the state at 0 is the first draw (online with the stationary share).</summary>
    public static AvailabilityTimeline OnOff(SeededRandom random, long meanOnline, long meanOffline)
    {
        var online = random.NextDouble() * (meanOnline + (double)meanOffline) < meanOnline;
        return new AvailabilityTimeline(online, random, meanOnline, meanOffline);
    }

    public bool IsOnline(long time)
    {
        lock (_lock)
        {
            // The state flips at every change at or before time.
            return OnlineAtZero ^ (ChangesUpTo(time) % 2 == 1);
        }
    }

    public long NextChange(long time)
    {
        lock (_lock)
        {
            var index = ChangesUpTo(time);
            return index < _changes.Count ? _changes[index] : long.MaxValue;
        }
    }

    // The number of changes at or before time, after generating the model past time.
    private int ChangesUpTo(long time)
    {
        while (!_complete && (_changes.Count == 0 || _changes[^1] <= time))
        {
            Generate();
        }

        var i = _cursor;
        if (i > _changes.Count || (i > 0 && _changes[i - 1] > time))
        {
            i = Search(time);
        }
        else
        {
            // Forward from the remembered position: usually zero or one step.
            var steps = 0;
            while (i < _changes.Count && _changes[i] <= time)
            {
                i++;
                if (++steps > 4)
                {
                    i = Search(time);
                    break;
                }
            }
        }

        _cursor = i;
        return i;
    }

    private int Search(long time)
    {
        var found = _changes.BinarySearch(time);
        return found >= 0 ? found + 1 : ~found;
    }

    // Appends the end of the period that starts at the last change (or 0).
    private void Generate()
    {
        var start = _changes.Count == 0 ? 0 : _changes[^1];
        var online = OnlineAtZero ^ (_changes.Count % 2 == 1);
        var mean = online ? _meanOnline : _meanOffline;
        var draw = -Math.Log(1.0 - _random!.NextDouble()) * mean;
        var length = draw >= long.MaxValue ? long.MaxValue : Math.Max(1L, (long)Math.Round(draw, MidpointRounding.AwayFromZero));
        if (start > long.MaxValue - length)
        {
            _complete = true;
            return;
        }

        _changes.Add(start + length);
    }
}
