using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Trace;

/// <summary>A level that changes at instants (queue length, link utilization), with its time-weighted statistics.</summary>
/// <remarks>The level is 0 from time zero until the first update; updates must come in time order.</remarks>
public sealed class TimeWeightedMonitor
{
    private long _lastTime;
    private double _integral;

    /// <summary>The current level.</summary>
    public double Level { get; private set; }

    /// <summary>The highest level seen.</summary>
    public double Maximum { get; private set; }

    /// <summary>The time of the last update.</summary>
    public SimTime LastUpdate => SimTime.FromNanoseconds(_lastTime);

    /// <summary>Sets the level to <paramref name="level"/> from <paramref name="time"/> on.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is before the last update.</exception>
    public void Update(SimTime time, double level)
    {
        if (time.Nanoseconds < _lastTime)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "Monitor updates must come in time order.");
        }

        _integral += Level * (time.Nanoseconds - _lastTime);
        _lastTime = time.Nanoseconds;
        Level = level;
        Maximum = Math.Max(Maximum, level);
    }

    /// <summary>Adds <paramref name="delta"/> to the level at <paramref name="time"/>.</summary>
    public void Add(SimTime time, double delta) => Update(time, Level + delta);

    /// <summary>The integral of the level over [0, <paramref name="until"/>], in level × nanoseconds.</summary>
    public double Integral(SimTime until)
    {
        return _integral + (Level * Math.Max(0, until.Nanoseconds - _lastTime));
    }

    /// <summary>The time-weighted mean level over [0, <paramref name="until"/>]; 0 for an empty interval.</summary>
    public double Mean(SimTime until) => until.Nanoseconds > 0 ? Integral(until) / until.Nanoseconds : 0;
}
