using System.CommandLine;
using System.Globalization;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Replay;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
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
        var command = new Command("replay", "Replay a run's decisions on another network (no gradients recomputed).")
        {
            results, uplink, downlink, latency, serverIngress, ingress,
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

            var scenario = ScenarioLoader.Load(scenarioPath);
            var network = scenario.Network;
            try
            {
                network = network with
                {
                    Uplink = Parse(parseResult.GetValue(uplink), Units.ParseBandwidth, network.Uplink),
                    Downlink = Parse(parseResult.GetValue(downlink), Units.ParseBandwidth, network.Downlink),
                    Latency = Parse(parseResult.GetValue(latency), Units.ParseDuration, network.Latency),
                    ServerIngress = Parse(parseResult.GetValue(serverIngress), Units.ParseBandwidth, network.ServerIngress),
                    Ingress = Parse(parseResult.GetValue(ingress), Sasg.NetSim.Network.NetworkNames.ParseIngressPolicy, network.Ingress),
                };
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                error.WriteLine($"sasg: {ex.Message}");
                return ExitCodes.BadInput;
            }

            var plan = ScenarioPlanner.Plan(scenario with { Network = network }, locator);
            var rows = DecisionsCsv.Read(decisionsPath);
            var live = LiveSeconds(Path.Combine(folder, "summary.json"));
            var table = new Table().AddColumn("algorithm").AddColumn(new TableColumn("uploads").RightAligned())
                .AddColumn(new TableColumn("recorded s").RightAligned()).AddColumn(new TableColumn("replayed s").RightAligned());
            foreach (var label in rows.Select(r => r.Algorithm).Distinct())
            {
                var log = DecisionLog.From(label, rows, decisionsPath);
                var ends = ReplayRunner.IterationEnds(log, plan.Topology, plan.Network, plan.CreateCompute());
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

    private static Dictionary<string, double> LiveSeconds(string summaryPath)
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!File.Exists(summaryPath))
        {
            return seconds;
        }

        foreach (var algorithm in JObject.Parse(File.ReadAllText(summaryPath))["algorithms"] ?? new JArray())
        {
            if (algorithm["label"]?.ToString() is { } label && algorithm["simulatedSeconds"] is JValue { Value: not null } value)
            {
                seconds[label] = value.ToObject<double>();
            }
        }

        return seconds;
    }
}
