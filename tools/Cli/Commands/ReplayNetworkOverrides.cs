using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Cli.Commands;

/// <summary>The network fields a <c>sasg replay</c> changes (null: keep the run's; an <see cref="Mtu"/> of
/// <see cref="PayloadOnly"/>: count payload bytes only).</summary>
internal sealed record ReplayNetworkOverrides(
    Bandwidth? Uplink,
    Bandwidth? Downlink,
    SimTime? Latency,
    Bandwidth? ServerIngress,
    IngressPolicy? Ingress,
    int? Mtu,
    bool? NewConnectionPerUpload)
{
    /// <summary>The <see cref="Mtu"/> that means no framing: payload bytes only (<c>--mtu payload-only</c>).</summary>
    public const int PayloadOnly = 0;

    /// <summary>No field changed.</summary>
    public static ReplayNetworkOverrides None { get; } = new(null, null, null, null, null, null, null);

    /// <summary>These overrides with the fields <paramref name="later"/> gives replaced by its values.</summary>
    public ReplayNetworkOverrides Then(ReplayNetworkOverrides later)
    {
        ArgumentNullException.ThrowIfNull(later);
        return new(
            later.Uplink ?? Uplink,
            later.Downlink ?? Downlink,
            later.Latency ?? Latency,
            later.ServerIngress ?? ServerIngress,
            later.Ingress ?? Ingress,
            later.Mtu ?? Mtu,
            later.NewConnectionPerUpload ?? NewConnectionPerUpload);
    }

    /// <summary><paramref name="network"/> with the given fields changed.</summary>
    /// <exception cref="FormatException">--mtu or --connection is given for a network of worker trace file links.</exception>
    public ScenarioNetwork Apply(ScenarioNetwork network)
    {
        if (network.TraceFile is not null && (Mtu is not null and not PayloadOnly || NewConnectionPerUpload is not null))
        {
            throw new FormatException("--mtu and --connection do not apply to the run's worker trace file links; leave them out");
        }

        return network with
        {
            Uplink = Uplink ?? network.Uplink,
            Downlink = Downlink ?? network.Downlink,
            Latency = Latency ?? network.Latency,
            ServerIngress = ServerIngress ?? network.ServerIngress,
            Ingress = Ingress ?? network.Ingress,
            Mtu = Mtu switch { null => network.Mtu, PayloadOnly => null, _ => Mtu },
            NewConnectionPerUpload = NewConnectionPerUpload ?? network.NewConnectionPerUpload,
        };
    }
}
