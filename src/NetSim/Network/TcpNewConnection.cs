using System.Globalization;
using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

/// <summary>
/// Opt-in model of a new TCP connection per message (no warm connection): a handshake of one round trip, then slow
/// start from an initial window of <see cref="InitialWindowSegments"/> segments that doubles every round trip until a
/// round fills the pipe; after that the message flows at the link rate.
/// </summary>
/// <remarks>
/// The extra time over a warm connection is <c>RTT + Σ_k max(0, RTT + p − w_k · p)</c> over the rounds k before the
/// pipe is full or the message is sent, with w_k = IW · 2^k segments and p the wire time of one segment at the
/// flow's rate; the message's serialization itself is counted as on a warm link. It is added before the first byte
/// reaches the server. The receiver's initial window, delayed ACKs, pacing (BBR) and per-connection software costs
/// are not modelled; docs/fidelity.md gives the error this achieves against real connections.
/// </remarks>
public sealed record TcpNewConnection
{
    /// <summary>A new connection per message with an initial window of <paramref name="initialWindowSegments"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is below 1 segment.</exception>
    public TcpNewConnection(int initialWindowSegments = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialWindowSegments, 1);
        InitialWindowSegments = initialWindowSegments;
    }

    /// <summary>The initial congestion window in segments (Linux: 10).</summary>
    public int InitialWindowSegments { get; }

    /// <summary>The time a new connection adds before a message of <paramref name="segments"/> segments and
    /// <paramref name="wireBits"/> bits flows at <paramref name="rateBitsPerSecond"/>, over a path of
    /// <paramref name="roundTrip"/>: handshake plus slow-start stalls, in whole nanoseconds (rounded up).</summary>
    public SimTime Delay(long segments, long wireBits, long rateBitsPerSecond, SimTime roundTrip)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rateBitsPerSecond);
        var rtt = (double)roundTrip.Nanoseconds;
        var segment = wireBits / (double)segments * 1e9 / rateBitsPerSecond;
        var delay = rtt;
        var window = (double)InitialWindowSegments;
        var remaining = (double)segments;
        while (remaining > window && window * segment < rtt)
        {
            delay += rtt + segment - (window * segment);
            remaining -= window;
            window *= 2;
        }

        return SimTime.FromNanoseconds((long)Math.Ceiling(delay));
    }

    /// <summary>"new connection per message, IW n".</summary>
    public override string ToString() => "new connection per message, IW " + InitialWindowSegments.ToString(CultureInfo.InvariantCulture);
}
