using System.Globalization;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Fidelity;

/// <summary>One emulated network: M workers, every uplink and the server link at one rate, one one-way latency, a mode.</summary>
/// <param name="Workers">The number of workers M.</param>
/// <param name="Rate">Every worker's uplink rate and the server's ingress rate.</param>
/// <param name="Latency">The one-way latency in each direction.</param>
/// <param name="Mode">Push (all at once) or pull (one at a time).</param>
/// <param name="NewConnection">Whether every upload opens a new TCP connection (default: persistent, warm).</param>
/// <param name="Groups">0: the star; G > 0: the two-level tree of tools/ns3 (<c>--groups G</c>, push only), G dividing M.</param>
public sealed record FidelityConfiguration(int Workers, Bandwidth Rate, SimTime Latency, FidelityMode Mode, bool NewConnection = false, int Groups = 0)
{
    /// <summary>A file-name-safe name such as <c>m4-100mbit-5ms-push</c> (<c>-new</c> appended for new connections).</summary>
    public string Name => string.Create(
        CultureInfo.InvariantCulture, $"m{Workers}-{NetemRate}-{LatencyText}-{Mode.ToString().ToLowerInvariant()}{(NewConnection ? "-new" : "")}{(Groups > 0 ? $"-g{Groups}" : "")}");

    /// <summary>The rate in tc syntax (<c>10mbit</c>, <c>1gbit</c>, or bit/s as <c>Nbit</c>).</summary>
    public string NetemRate => Rate.BitsPerSecond switch
    {
        var b when b % 1_000_000_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{b / 1_000_000_000}gbit"),
        var b when b % 1_000_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{b / 1_000_000}mbit"),
        var b => string.Create(CultureInfo.InvariantCulture, $"{b}bit"),
    };

    /// <summary>The latency as milliseconds, e.g. <c>0.5ms</c>.</summary>
    public string LatencyText => (Latency.Nanoseconds / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + "ms";

    /// <summary>The latency in whole microseconds (the emulator's unit).</summary>
    public long LatencyMicroseconds => Latency.Nanoseconds / 1000;
}
