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

    /// <summary>
    /// TCP/IP segmentation of every message, or null (the default) for a message that costs its payload plus
    /// <see cref="OverheadBytes"/> only. When set, the per-message overhead (an application header) is segmented
    /// with the payload and every segment adds its header bytes.
    /// </summary>
    public TcpFraming? Framing { get; init; }

    /// <summary>
    /// A new TCP connection per message (handshake and slow start), or null (the default) for warm, persistent
    /// connections. Applied to uploads in <see cref="ParameterServerRound"/>.
    /// </summary>
    public TcpNewConnection? NewConnection { get; init; }

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

    /// <summary>The bytes a message of <paramref name="payload"/> occupies on this link (payload plus overhead, and
    /// segment headers when <see cref="Framing"/> is set).</summary>
    public DataSize WireSize(DataSize payload) => Framing is null ? payload + OverheadBytes : Framing.WireSize(payload + OverheadBytes);

    /// <summary>The serialization time of a message of <paramref name="payload"/>, overhead included, rounded up.</summary>
    public SimTime TransferTime(DataSize payload) => WireSize(payload) / Bandwidth;

    /// <summary>Serialization plus latency: when the last byte arrives if the message starts at time zero.</summary>
    public SimTime DeliveryTime(DataSize payload) => TransferTime(payload) + Latency;

    /// <summary>What a new connection adds before an upload of <paramref name="payload"/> flows at
    /// <paramref name="rateBitsPerSecond"/> (zero without <see cref="NewConnection"/>); the round trip is this link's
    /// latency plus <paramref name="reverse"/>'s.</summary>
    internal long ConnectionDelay(DataSize payload, Link reverse, long rateBitsPerSecond)
    {
        if (NewConnection is null)
        {
            return 0;
        }

        var message = payload + OverheadBytes;
        var segments = Framing?.Segments(message) ?? Math.Max(1, (message.Bytes + 1447) / 1448);
        return NewConnection.Delay(segments, WireSize(payload).Bits, rateBitsPerSecond, Latency + reverse.Latency).Nanoseconds;
    }
}
