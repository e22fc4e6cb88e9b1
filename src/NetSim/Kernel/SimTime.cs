using System.Globalization;

namespace Sasg.NetSim.Kernel;

/// <summary>A point or span of simulated time, held as a whole number of nanoseconds.</summary>
/// <remarks>
/// A <see cref="long"/> of nanoseconds covers about 292 years and orders events exactly; doubles appear only
/// where a value leaves the simulation (CSV, JSON, statistics).
/// </remarks>
public readonly record struct SimTime(long Nanoseconds) : IComparable<SimTime>
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Time zero, where every simulation starts.</summary>
    public static SimTime Zero => default;

    /// <summary>The largest representable time; used as "never".</summary>
    public static SimTime MaxValue => new(long.MaxValue);

    /// <summary>The time in seconds, for output only.</summary>
    public double TotalSeconds => Nanoseconds / (double)NanosecondsPerSecond;

    /// <summary>A time of whole nanoseconds.</summary>
    public static SimTime FromNanoseconds(long nanoseconds) => new(nanoseconds);

    /// <summary>A time of whole microseconds.</summary>
    public static SimTime FromMicroseconds(long microseconds) => new(checked(microseconds * 1_000));

    /// <summary>A time of whole milliseconds.</summary>
    public static SimTime FromMilliseconds(long milliseconds) => new(checked(milliseconds * 1_000_000));

    /// <summary>A time of whole seconds.</summary>
    public static SimTime FromSeconds(long seconds) => new(checked(seconds * NanosecondsPerSecond));

    /// <summary>A time from seconds given as a double, rounded to the nearest nanosecond (half away from zero).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN, infinite or out of range.</exception>
    public static SimTime FromSeconds(double seconds)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || Math.Abs(seconds) > long.MaxValue / 1e9)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "Seconds must be a finite number.");
        }

        return new SimTime((long)Math.Round(seconds * NanosecondsPerSecond, MidpointRounding.AwayFromZero));
    }

    /// <summary>The sum of two times.</summary>
    public static SimTime operator +(SimTime left, SimTime right) => new(checked(left.Nanoseconds + right.Nanoseconds));

    /// <summary>The difference of two times.</summary>
    public static SimTime operator -(SimTime left, SimTime right) => new(checked(left.Nanoseconds - right.Nanoseconds));

    /// <summary>Whether <paramref name="left"/> is earlier than <paramref name="right"/>.</summary>
    public static bool operator <(SimTime left, SimTime right) => left.Nanoseconds < right.Nanoseconds;

    /// <summary>Whether <paramref name="left"/> is later than <paramref name="right"/>.</summary>
    public static bool operator >(SimTime left, SimTime right) => left.Nanoseconds > right.Nanoseconds;

    /// <summary>Whether <paramref name="left"/> is no later than <paramref name="right"/>.</summary>
    public static bool operator <=(SimTime left, SimTime right) => left.Nanoseconds <= right.Nanoseconds;

    /// <summary>Whether <paramref name="left"/> is no earlier than <paramref name="right"/>.</summary>
    public static bool operator >=(SimTime left, SimTime right) => left.Nanoseconds >= right.Nanoseconds;

    /// <inheritdoc/>
    public int CompareTo(SimTime other) => Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>The time in seconds with nanosecond precision, invariant culture (for example "0.000001500").</summary>
    public override string ToString()
    {
        return TotalSeconds.ToString("0.000000000", CultureInfo.InvariantCulture) + " s";
    }
}
