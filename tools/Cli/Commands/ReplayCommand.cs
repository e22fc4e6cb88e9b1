using System.CommandLine;
using System.Globalization;
using Sasg.Experiments.Replay;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.NetSim.Network;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg replay &lt;results&gt; [network overrides]</c>: pushes a run's recorded decisions through another
/// network (M fixed) without recomputing a gradient, and prints the simulated time of each method there.</summary>
internal static class ReplayCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error, DatasetLocator locator)
    {
        var results = new Argument<string>("results") { Description = "A results folder written by 'sasg run'." };
        var uplink = new Option<string?>("--uplink") { Description = "Every worker's uplink, e.g. 100Mbps." };
        var downlink = new Option<string?>("--downlink") { Description = "Every worker's downlink, e.g. 1Gbps." };
        var latency = new Option<string?>("--latency") { Description = "One-way latency, e.g. 5ms." };
        var serverIngress = new Option<string?>("--server-ingress") { Description = "The server's ingress bandwidth." };
        var ingress = new Option<string?>("--ingress") { Description = "sequential-push, sequential-pull, fair-share or unlimited." };
        var mtu = new Option<string?>("--mtu") { Description = "Count TCP/IP framing on the wire at this MTU (576 to 65535), e.g. 1500, or payload-only for none (default: the run's; docs/fidelity.md)." };
        var connection = new Option<string?>("--connection") { Description = "persistent (warm connections) or new (a new TCP connection per upload)." };
        var command = new Command("replay", "Replay a run's decisions on another network (no gradients recomputed).")
        {
            results, uplink, downlink, latency, serverIngress, ingress, mtu, connection,
        };
        command.SetAction(parseResult =>
        {
            var folder = parseResult.GetValue(results)!;
            if (!File.Exists(Path.Combine(folder, "scenario.json")) || !File.Exists(Path.Combine(folder, "decisions.csv")))
            {
                error.WriteLine($"sasg: {folder}: needs scenario.json and decisions.csv; run 'sasg run <scenario> --output {folder}' first");
                return ExitCodes.BadInput;
            }

            try
            {
                // Every option is checked before any file is read, so a typo costs nothing.
                var overrides = new ReplayNetworkOverrides(
                    Option(parseResult.GetValue(uplink), "--uplink", Units.ParseBandwidth),
                    Option(parseResult.GetValue(downlink), "--downlink", Units.ParseBandwidth),
                    Option(parseResult.GetValue(latency), "--latency", Units.ParseDuration),
                    Option(parseResult.GetValue(serverIngress), "--server-ingress", Units.ParseBandwidth),
                    Option(parseResult.GetValue(ingress), "--ingress", ParseIngress),
                    Option(parseResult.GetValue(mtu), "--mtu", ParseMtu),
                    Option(parseResult.GetValue(connection), "--connection", ParseConnection));
                var replay = ReplayFolder.Load(folder);
                var replayed = replay.Replay(overrides.Apply(replay.Scenario.Network), locator);
                var table = new Table().AddColumn("algorithm").AddColumn(new TableColumn("uploads").RightAligned())
                    .AddColumn(new TableColumn("recorded s").RightAligned()).AddColumn(new TableColumn("replayed s").RightAligned());
                foreach (var method in replayed)
                {
                    table.AddRow(
                        Markup.Escape(method.Label),
                        method.Uploads.ToString(CultureInfo.InvariantCulture),
                        method.RecordedSeconds is { } seconds ? seconds.ToString("0.000000", CultureInfo.InvariantCulture) : "-",
                        method.ReplayedSeconds.ToString("0.000000", CultureInfo.InvariantCulture));
                }

                console.Write(table);
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is FormatException or InvalidDataException or FileNotFoundException)
            {
                error.WriteLine($"sasg: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    // The option's value, or null when absent; a bad value is a FormatException whose message names the option.
    private static T? Option<T>(string? text, string name, Func<string, T> parse)
        where T : struct
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{name} {text}: {ex.Message}", ex);
        }
    }

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
