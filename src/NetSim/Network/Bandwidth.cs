using System.Globalization;

namespace Sasg.NetSim.Network;

/// <summary>A link rate in whole bits per second, always positive.</summary>
public readonly record struct Bandwidth
{
    /// <summary>A rate of <paramref name="bitsPerSecond"/> bit/s.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bitsPerSecond"/> is zero or negative.</exception>
    public Bandwidth(long bitsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bitsPerSecond);
        BitsPerSecond = bitsPerSecond;
    }

    /// <summary>The rate in bit/s.</summary>
    public long BitsPerSecond { get; }

    /// <summary>1 Gbit/s, the default of every link.</summary>
    public static Bandwidth OneGigabitPerSecond => new(1_000_000_000);

    /// <summary>A rate of whole bit/s.</summary>
    public static Bandwidth FromBitsPerSecond(long bitsPerSecond) => new(bitsPerSecond);

    /// <summary>A rate of whole Mbit/s (10^6 bit/s).</summary>
    public static Bandwidth FromMegabitsPerSecond(long megabitsPerSecond) => new(checked(megabitsPerSecond * 1_000_000));

    /// <summary>A rate of whole Gbit/s (10^9 bit/s).</summary>
    public static Bandwidth FromGigabitsPerSecond(long gigabitsPerSecond) => new(checked(gigabitsPerSecond * 1_000_000_000));

    /// <summary>A rate from bit/s given as a double (I/O edges only), rounded to the nearest whole bit/s.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN, infinite, below 1 bit/s or too large.</exception>
    public static Bandwidth FromBitsPerSecond(double bitsPerSecond)
    {
        if (double.IsNaN(bitsPerSecond) || bitsPerSecond < 0.5 || bitsPerSecond >= long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(bitsPerSecond), bitsPerSecond, "A bandwidth must be a finite number of at least 1 bit/s.");
        }

        return new((long)Math.Round(bitsPerSecond, MidpointRounding.AwayFromZero));
    }

    /// <summary>The smaller of two rates.</summary>
    public static Bandwidth Min(Bandwidth left, Bandwidth right) => left.BitsPerSecond <= right.BitsPerSecond ? left : right;

    /// <summary>The rate as "N bit/s", invariant culture.</summary>
    public override string ToString() => BitsPerSecond.ToString(CultureInfo.InvariantCulture) + " bit/s";
}
