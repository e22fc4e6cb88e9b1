using System.Globalization;
using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

/// <summary>An amount of data in whole bytes, never negative.</summary>
public readonly record struct DataSize
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>A size of <paramref name="bytes"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is negative.</exception>
    public DataSize(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Bytes = bytes;
    }

    /// <summary>The size in bytes.</summary>
    public long Bytes { get; }

    /// <summary>The size in bits (bytes times 8).</summary>
    public long Bits => checked(Bytes * 8);

    /// <summary>No data.</summary>
    public static DataSize Zero => default;

    /// <summary>A size of whole bytes.</summary>
    public static DataSize FromBytes(long bytes) => new(bytes);

    /// <summary>A size of whole kilobytes of 1,000 bytes.</summary>
    public static DataSize FromKilobytes(long kilobytes) => new(checked(kilobytes * 1_000));

    /// <summary>A size of whole megabytes of 1,000,000 bytes.</summary>
    public static DataSize FromMegabytes(long megabytes) => new(checked(megabytes * 1_000_000));

    /// <summary>The sum of two sizes.</summary>
    public static DataSize operator +(DataSize left, DataSize right) => new(checked(left.Bytes + right.Bytes));

    /// <summary>
    /// The time to serialize <paramref name="size"/> at <paramref name="bandwidth"/>, rounded up to the next whole
    /// nanosecond: a transfer is never reported faster than the link allows.
    /// </summary>
    /// <exception cref="OverflowException">The time exceeds <see cref="SimTime.MaxValue"/>.</exception>
    public static SimTime operator /(DataSize size, Bandwidth bandwidth)
    {
        return SimTime.FromNanoseconds(CeilingNanoseconds((Int128)size.Bits * NanosecondsPerSecond, bandwidth.BitsPerSecond));
    }

    /// <summary>The size as "N B", invariant culture.</summary>
    public override string ToString() => Bytes.ToString(CultureInfo.InvariantCulture) + " B";

    /// <summary>ceil(<paramref name="numerator"/> / <paramref name="denominator"/>) for a non-negative numerator.</summary>
    internal static long CeilingNanoseconds(Int128 numerator, long denominator)
    {
        return checked((long)((numerator + denominator - 1) / denominator));
    }
}
