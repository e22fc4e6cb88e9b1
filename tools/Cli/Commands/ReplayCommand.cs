using System.CommandLine;
using System.Globalization;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
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
            var scenarioPath = Path.Combine(folder, "scenario.json");
            var decisionsPath = Path.Combine(folder, "decisions.csv");
            if (!File.Exists(scenarioPath) || !File.Exists(decisionsPath))
            {
                error.WriteLine($"sasg: {folder}: needs scenario.json and decisions.csv; run 'sasg run <scenario> --output {folder}' first");
                return ExitCodes.BadInput;
            }

            var scenario = ScenarioLoader.Load(scenarioPath, requireData: false);
            var network = scenario.Network;
            try
            {
                network = network with
                {
                    Uplink = Parse(parseResult.GetValue(uplink), Units.ParseBandwidth, network.Uplink),
                    Downlink = Parse(parseResult.GetValue(downlink), Units.ParseBandwidth, network.Downlink),
                    Latency = Parse(parseResult.GetValue(latency), Units.ParseDuration, network.Latency),
                    ServerIngress = Parse(parseResult.GetValue(serverIngress), Units.ParseBandwidth, network.ServerIngress),
                    Ingress = Parse(parseResult.GetValue(ingress), NetworkNames.ParseIngressPolicy, network.Ingress),
                    Mtu = Parse(parseResult.GetValue(mtu), ParseMtu, network.Mtu),
                    NewConnectionPerUpload = Parse(parseResult.GetValue(connection), ParseConnection, network.NewConnectionPerUpload),
                };
                if (network.Mtu is { } size && size is < 576 or > 65535)
                {
                    throw new ArgumentException($"--mtu {size}: write an MTU from 576 to 65535, for example 1500");
                }

                if (network.TraceFile is not null && (network.Mtu is not null || network.NewConnectionPerUpload))
                {
                    throw new ArgumentException("--mtu and --connection do not apply to the run's worker trace file links; leave them out");
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                error.WriteLine($"sasg: {ex.Message}");
                return ExitCodes.BadInput;
            }

            var summary = ReadSummary(Path.Combine(folder, "summary.json"));
            var (topology, options, createCompute) = NetworkOf(scenario with { Network = network }, summary, locator);
            var rows = DecisionsCsv.Read(decisionsPath);
            var live = LiveSeconds(summary);
            var table = new Table().AddColumn("algorithm").AddColumn(new TableColumn("uploads").RightAligned())
                .AddColumn(new TableColumn("recorded s").RightAligned()).AddColumn(new TableColumn("replayed s").RightAligned());
            foreach (var label in rows.Select(r => r.Algorithm).Distinct())
            {
                var log = DecisionLog.From(label, rows, decisionsPath);
                var ends = ReplayRunner.IterationEnds(log, topology, options, createCompute());
                table.AddRow(
                    Markup.Escape(label),
                    rows.Count(r => r.Algorithm == label && r.Decision == "upload").ToString(CultureInfo.InvariantCulture),
                    live.TryGetValue(label, out var seconds) ? seconds.ToString("0.000000", CultureInfo.InvariantCulture) : "-",
                    (ends.Length == 0 ? 0 : ends[^1].TotalSeconds).ToString("0.000000", CultureInfo.InvariantCulture));
            }

            console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static T Parse<T>(string? text, Func<string, T> parse, T fallback) => text is null ? fallback : parse(text);

    private static int? ParseMtu(string text) => text == "payload-only" ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size
        : throw new FormatException($"--mtu {text}: write an MTU from 576 to 65535, for example 1500, or payload-only");

    private static bool ParseConnection(string text) => text switch
    {
        "persistent" => false,
        "new" => true,
        _ => throw new FormatException($"--connection {text}: write persistent (warm connections) or new (a new TCP connection per upload)"),
    };

    // The run's network on the new links. The worker count and model size come from summary.json, so no dataset is
    // loaded; a folder written before summary.json held the model size is re-planned from its data instead.
    private static (StarTopology, ParameterServerOptions, Func<ComputeModel>) NetworkOf(
        Scenario scenario, JObject? summary, DatasetLocator locator)
    {
        if (summary?["workers"] is JValue { Value: not null } workers && summary["modelBytes"] is JValue { Value: not null } bytes)
        {
            return ScenarioPlanner.PlanNetwork(scenario, workers.ToObject<int>(), bytes.ToObject<long>());
        }

        var plan = ScenarioPlanner.Plan(scenario, locator);
        return (plan.Topology, plan.Network, plan.CreateCompute);
    }

    // A missing or unreadable summary only costs the recorded column and a re-plan from the data.
    private static JObject? ReadSummary(string summaryPath)
    {
        try
        {
            return File.Exists(summaryPath) ? JObject.Parse(File.ReadAllText(summaryPath)) : null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, double> LiveSeconds(JObject? summary)
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var algorithm in summary?["algorithms"] ?? new JArray())
        {
            if (algorithm["label"]?.ToString() is { } label && algorithm["simulatedSeconds"] is JValue { Value: not null } value)
            {
                seconds[label] = value.ToObject<double>();
            }
        }

        return seconds;
    }
}
