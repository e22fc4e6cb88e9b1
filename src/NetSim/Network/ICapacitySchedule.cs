namespace Sasg.NetSim.Network;

/// <summary>
/// A link's capacity over simulated time: piecewise constant, right-continuous, in whole bit/s (0 = the link delivers
/// nothing for that stretch). A fixed-rate link is <see cref="ConstantCapacity"/>; a trace (Mahimahi, CSV steps) is
/// another implementation.
/// </summary>
/// <remarks>Times are integer nanoseconds from the start of the run (0); the schedule is defined for every time
/// &gt;= 0 and never reads wall-clock time.</remarks>
public interface ICapacitySchedule
{
    /// <summary>The capacity in bit/s from <paramref name="time"/> until <see cref="NextChange"/>(time).</summary>
    long BitsPerSecondAt(long time);

    /// <summary>The first time strictly after <paramref name="time"/> at which the capacity differs from
    /// <see cref="BitsPerSecondAt"/>(time); <see cref="long.MaxValue"/> when it never changes again.</summary>
    long NextChange(long time);
}

/// <summary>A capacity that never changes.</summary>
/// <param name="BitsPerSecond">The capacity, at least 1 bit/s.</param>
public sealed record ConstantCapacity(long BitsPerSecond) : ICapacitySchedule
{
    /// <summary>The capacity, at least 1 bit/s.</summary>
    public long BitsPerSecond { get; } = BitsPerSecond >= 1
        ? BitsPerSecond
        : throw new ArgumentOutOfRangeException(nameof(BitsPerSecond), BitsPerSecond, "A constant capacity must be at least 1 bit/s.");

    /// <inheritdoc/>
    public long BitsPerSecondAt(long time) => BitsPerSecond;

    /// <inheritdoc/>
    public long NextChange(long time) => long.MaxValue;
}
