using System.Globalization;

namespace Sasg.NetSim.Network;

/// <summary>
/// How TCP/IPv4 over Ethernet cuts a message into segments: every segment of at most <see cref="MaximumSegmentSize"/>
/// message bytes carries <see cref="SegmentOverheadBytes"/> header bytes on the wire.
/// </summary>
/// <remarks>
/// MSS = MTU − 52 (IPv4 20 + TCP 20 + timestamp option 12); each frame adds 14 bytes of Ethernet header, which is what
/// a rate shaper on a Linux veth counts (no preamble or FCS): 66 bytes per segment at every MTU. A message of n bytes
/// occupies n + ⌈n / MSS⌉ · 66 bytes (at least one segment). Measured against real TCP through tbf-shaped links in
/// docs/fidelity.md; the plain payload model is 3–5 % short at MTU 1500.
/// </remarks>
public sealed record TcpFraming
{
    /// <summary>IPv4 (20), TCP (20) and TCP timestamp option (12) header bytes in every segment.</summary>
    public const int IpTcpHeaderBytes = 52;

    /// <summary>The Ethernet header bytes of every frame.</summary>
    public const int EthernetHeaderBytes = 14;

    /// <summary>Framing at <paramref name="mtu"/> bytes (576..65535).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mtu"/> is outside 576..65535.</exception>
    public TcpFraming(int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mtu, 576);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mtu, 65535);
        Mtu = mtu;
    }

    /// <summary>The IP packet size limit in bytes.</summary>
    public int Mtu { get; }

    /// <summary>The message bytes one segment carries: MTU − 52.</summary>
    public int MaximumSegmentSize => Mtu - IpTcpHeaderBytes;

    /// <summary>The header bytes one segment adds on the wire: 66.</summary>
    public const int SegmentOverheadBytes = IpTcpHeaderBytes + EthernetHeaderBytes;

    /// <summary>The number of segments a message of <paramref name="message"/> bytes needs (at least one).</summary>
    public long Segments(DataSize message) => Math.Max(1, (message.Bytes + MaximumSegmentSize - 1) / MaximumSegmentSize);

    /// <summary>The bytes a message of <paramref name="message"/> occupies on the wire, segment headers included.</summary>
    public DataSize WireSize(DataSize message) => DataSize.FromBytes(checked(message.Bytes + (Segments(message) * SegmentOverheadBytes)));

    /// <summary>"tcp/ipv4 over ethernet, MTU n".</summary>
    public override string ToString() => "tcp/ipv4 over ethernet, MTU " + Mtu.ToString(CultureInfo.InvariantCulture);
}
