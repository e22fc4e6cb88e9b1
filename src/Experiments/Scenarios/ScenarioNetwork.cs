using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Scenarios;

/// <summary>The simulated star network (<c>network</c>), with defaults applied.</summary>
/// <param name="Uplink">Every worker's uplink; default 1 Gbit/s.</param>
/// <param name="Downlink">Every worker's downlink; default the uplink.</param>
/// <param name="Latency">One-way latency in both directions; default 50 us.</param>
/// <param name="ServerIngress">The server's ingress bandwidth; default the uplink.</param>
/// <param name="Ingress">How the server receives concurrent uploads; default sequential-push.</param>
/// <param name="Broadcast">How the model reaches the workers; default parallel.</param>
/// <param name="HeaderBytes">Per-message overhead on every link; default 0 B.</param>
/// <param name="RequestBytes">Payload of a server-to-worker request (LAG-PS); default 64 B.</param>
/// <param name="SkipNoticeBytes">Payload of a skip notice; default 0 B.</param>
/// <param name="Encoding">"default" (each algorithm's own) or a wire-encoding name.</param>
/// <param name="Workers">Per-worker overrides, by increasing worker index.</param>
/// <param name="TraceFile">A worker trace file (absolute path), or null.</param>
public sealed record ScenarioNetwork(
    Bandwidth Uplink,
    Bandwidth Downlink,
    SimTime Latency,
    Bandwidth ServerIngress,
    IngressPolicy Ingress,
    BroadcastMode Broadcast,
    DataSize HeaderBytes,
    DataSize RequestBytes,
    DataSize SkipNoticeBytes,
    string Encoding,
    IReadOnlyList<ScenarioWorkerLink> Workers,
    string? TraceFile)
{
    /// <summary>The MTU a scenario's links frame at when <c>network.mtu</c> is absent (and no trace file is given).</summary>
    public const int DefaultMtu = 1500;

    /// <summary>The MTU of TCP/IP framing on every link (<c>network.mtu</c>; the parser's default is
    /// <see cref="DefaultMtu"/>), or null (<c>"mtu": null</c>, and a trace file's links) for payload bytes only, with no
    /// per-segment header bytes (see <see cref="TcpFraming"/>).</summary>
    public int? Mtu { get; init; }

    /// <summary>Whether every upload opens a new TCP connection (<c>network.connection: "new"</c>: handshake and slow
    /// start, <see cref="TcpNewConnection"/>); false (the default) for warm, persistent connections.</summary>
    public bool NewConnectionPerUpload { get; init; }

    /// <summary>Capacity traces for the workers' uplinks and downlinks (<c>network.linkTraces</c>), or null for
    /// fixed-rate links. A traced direction's capacity replaces its bandwidth (<c>uplink</c>, <c>downlink</c>, per-worker
    /// overrides, a trace file's columns); latency, overhead and framing stay.</summary>
    public ScenarioLinkTraces? LinkTraces { get; init; }

    /// <summary>How the workers reach the model (<c>network.topology</c>, issue 18): the star (default), a two-level
    /// hierarchy, sharded servers, or a ring or tree collective.</summary>
    public ScenarioTopology Topology { get; init; } = ScenarioTopology.Star;

    /// <summary>The uplink of <paramref name="worker"/>, with its overrides applied.</summary>
    public Link UplinkOf(int worker)
    {
        var o = Override(worker);
        return new Link(o?.Uplink ?? Uplink, o?.Latency ?? Latency, o?.HeaderBytes ?? HeaderBytes)
        {
            Framing = Framing,
            NewConnection = NewConnectionPerUpload ? new TcpNewConnection() : null,
        };
    }

    /// <summary>The downlink of <paramref name="worker"/>, with its overrides applied.</summary>
    public Link DownlinkOf(int worker)
    {
        var o = Override(worker);
        return new Link(o?.Downlink ?? Downlink, o?.Latency ?? Latency, o?.HeaderBytes ?? HeaderBytes) { Framing = Framing };
    }

    private TcpFraming? Framing => Mtu is { } mtu ? new TcpFraming(mtu) : null;

    private ScenarioWorkerLink? Override(int worker) => Workers.FirstOrDefault(w => w.Worker == worker);
}
