using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

/// <summary>One direction of a worker's connection: rate, one-way latency and header bytes added to each message.</summary>
/// <param name="Bandwidth">The serialization rate.</param>
/// <param name="Latency">The one-way propagation delay, added once per message.</param>
/// <param name="OverheadBytes">Bytes added to every message on the wire (headers).</param>
public sealed record Link(Bandwidth Bandwidth, SimTime Latency, DataSize OverheadBytes)
{
    /// <summary>A link of <paramref name="bandwidth"/> with no latency and no overhead.</summary>
    public Link(Bandwidth bandwidth)
        : this(bandwidth, SimTime.Zero, DataSize.Zero)
    {
    }

    /// <summary>The latency; never negative.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public SimTime Latency { get; init; } = Latency.Nanoseconds >= 0
        ? Latency
        : throw new ArgumentOutOfRangeException(nameof(Latency), Latency, "A latency must not be negative.");

    /// <summary>The default link: 1 Gbit/s, no latency, no overhead.</summary>
    public static Link Default { get; } = new(Bandwidth.OneGigabitPerSecond);

    /// <summary>A link from doubles (I/O edges): bit/s, seconds and bytes; every argument is validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A value is NaN, infinite or negative (the parameter names the field), or the bandwidth is below 1 bit/s.
    /// </exception>
    public static Link FromValues(double bandwidthBitsPerSecond, double latencySeconds, long overheadBytes = 0)
    {
        if (double.IsNaN(bandwidthBitsPerSecond) || bandwidthBitsPerSecond < 0.5 || double.IsInfinity(bandwidthBitsPerSecond))
        {
            throw new ArgumentOutOfRangeException(
                nameof(bandwidthBitsPerSecond), bandwidthBitsPerSecond, "The bandwidth must be a finite number of at least 1 bit/s.");
        }

        if (double.IsNaN(latencySeconds) || double.IsInfinity(latencySeconds) || latencySeconds < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(latencySeconds), latencySeconds, "The latency must be a finite, non-negative number of seconds.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(overheadBytes);
        return new Link(
            Bandwidth.FromBitsPerSecond(bandwidthBitsPerSecond),
            SimTime.FromSeconds(latencySeconds),
            DataSize.FromBytes(overheadBytes));
    }

    /// <summary>The bytes a message of <paramref name="payload"/> occupies on this link (payload plus overhead).</summary>
    public DataSize WireSize(DataSize payload) => payload + OverheadBytes;

    /// <summary>The serialization time of a message of <paramref name="payload"/>, overhead included, rounded up.</summary>
    public SimTime TransferTime(DataSize payload) => WireSize(payload) / Bandwidth;

    /// <summary>Serialization plus latency: when the last byte arrives if the message starts at time zero.</summary>
    public SimTime DeliveryTime(DataSize payload) => TransferTime(payload) + Latency;
}
