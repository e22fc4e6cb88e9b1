using System.Globalization;
using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Network;

namespace Sasg.Cli.Commands;

/// <summary>The network fields <c>sasg replay</c> can change, by name: each is an option (<c>--uplink</c>) and a column
/// of a <c>--grid</c> file (<c>uplink</c>), parsed the same way.</summary>
internal static class ReplayNetworkFields
{
    /// <summary>The field names, in option order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["uplink", "downlink", "latency", "server-ingress", "ingress", "mtu", "connection"];

    /// <summary><paramref name="overrides"/> with field <paramref name="name"/> set from <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text is not a value of the field; the message is the fix.</exception>
    public static ReplayNetworkOverrides Set(ReplayNetworkOverrides overrides, string name, string text) => name switch
    {
        "uplink" => overrides with { Uplink = Units.ParseBandwidth(text) },
        "downlink" => overrides with { Downlink = Units.ParseBandwidth(text) },
        "latency" => overrides with { Latency = Units.ParseDuration(text) },
        "server-ingress" => overrides with { ServerIngress = Units.ParseBandwidth(text) },
        "ingress" => overrides with { Ingress = ParseIngress(text) },
        "mtu" => overrides with { Mtu = ParseMtu(text) },
        "connection" => overrides with { NewConnectionPerUpload = ParseConnection(text) },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a network field"),
    };

    private static IngressPolicy ParseIngress(string text)
    {
        try
        {
            return NetworkNames.ParseIngressPolicy(text);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException("write sequential-push, sequential-pull, fair-share or unlimited", ex);
        }
    }

    // payload-only is ReplayNetworkOverrides.PayloadOnly: the override that removes the run's framing.
    private static int ParseMtu(string text) =>
        text == "payload-only" ? ReplayNetworkOverrides.PayloadOnly
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 576 and <= 65535
            ? size
            : throw new FormatException("write an MTU from 576 to 65535 bytes, for example 1500, or payload-only");

    private static bool ParseConnection(string text) => text switch
    {
        "persistent" => false,
        "new" => true,
        _ => throw new FormatException("write persistent (warm connections) or new (a new TCP connection per upload)"),
    };
}
