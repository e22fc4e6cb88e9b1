using System.CommandLine;
using System.Globalization;
using Sasg.Experiments.Replay;
using Sasg.Learning.Data;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg replay &lt;results&gt; [network overrides]</c>: pushes a run's recorded decisions through another
/// network (M fixed) without recomputing a gradient, and prints the simulated time of each method there. Several
/// values of an option (repeated or comma-separated; their cartesian product) or a <c>--grid</c> file replay the run
/// through many networks at once, in parallel, into <c>--output</c>'s replays.csv and replays.parquet.</summary>
internal static class ReplayCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error, DatasetLocator locator)
    {
        var results = new Argument<string>("results") { Description = "A results folder written by 'sasg run'." };
        var fields = new Dictionary<string, Option<string[]>>
        {
            ["uplink"] = new("--uplink") { Description = "Every worker's uplink, e.g. 100Mbps (several: 10Mbps,100Mbps)." },
            ["downlink"] = new("--downlink") { Description = "Every worker's downlink, e.g. 1Gbps." },
            ["latency"] = new("--latency") { Description = "One-way latency, e.g. 5ms (several: 1ms,5ms)." },
            ["server-ingress"] = new("--server-ingress") { Description = "The server's ingress bandwidth." },
            ["ingress"] = new("--ingress") { Description = "sequential-push, sequential-pull, fair-share or unlimited." },
            ["mtu"] = new("--mtu") { Description = "Count TCP/IP framing on the wire at this MTU (576 to 65535), e.g. 1500, or payload-only for none (default: the run's; docs/fidelity.md)." },
            ["connection"] = new("--connection") { Description = "persistent (warm connections) or new (a new TCP connection per upload)." },
        };
        var grid = new Option<string?>("--grid") { Description = "A CSV of networks, one per line, columns from uplink, downlink, latency, server-ingress, ingress, mtu, connection (docs/cli.md)." };
        var output = new Option<string?>("--output") { Description = "With several networks: the folder for replays.csv and replays.parquet." };
        var perNetwork = new Option<bool>("--folders") { Description = "With --output: also write a results folder per network (networks/<n>/: scenario.json and a timed metrics.csv that 'sasg plot' draws)." };
        var threads = new Option<int>("--threads") { Description = "With several networks: how many replay at once (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("replay", "Replay a run's decisions on other networks (no gradients recomputed).") { results, grid, output, perNetwork, threads };
        foreach (var option in fields.Values)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var folder = parseResult.GetValue(results)!;
            if (!File.Exists(Path.Combine(folder, "scenario.json"))
                || !(File.Exists(Path.Combine(folder, "decisions.csv")) || File.Exists(Path.Combine(folder, DecisionsParquet.FileName))))
            {
                error.WriteLine($"sasg: {folder}: needs scenario.json and decisions.csv or decisions.parquet; run 'sasg run <scenario> --output {folder}' first");
                return ExitCodes.BadInput;
            }

            try
            {
                // Every option and the grid are checked before any results file is read, so a typo costs nothing.
                var overrides = Combinations(fields.Select(f => (f.Key, parseResult.GetValue(f.Value) ?? [])));
                if (parseResult.GetValue(grid) is { } gridPath)
                {
                    var rows = ReplayGrid.Read(gridPath);
                    overrides = [.. overrides.SelectMany(o => rows.Select(o.Then))];
                }

                var target = parseResult.GetValue(output);
                var folders = parseResult.GetValue(perNetwork);
                if (folders && target is null)
                {
                    error.WriteLine("sasg: --folders: the folders per network go under --output; give --output <folder>");
                    return ExitCodes.BadInput;
                }

                if (overrides.Count == 1 && target is null)
                {
                    return ReplayOne(console, folder, overrides[0], locator);
                }

                if (target is null)
                {
                    error.WriteLine($"sasg: --output: {overrides.Count.ToString(CultureInfo.InvariantCulture)} networks need a folder for their summary; give --output <folder>");
                    return ExitCodes.BadInput;
                }

                var count = parseResult.GetValue(threads);
                if (count < 1)
                {
                    throw new FormatException($"--threads {count.ToString(CultureInfo.InvariantCulture)}: write 1 or more");
                }

                var replay = ReplayFolder.Load(folder);
                var networks = overrides.Select(o => o.Apply(replay.Scenario.Network)).ToList();
                IReadOnlyList<IReadOnlyList<ReplayedMethod>> replayed;
                try
                {
                    replayed = BatchReplay.Run(replay, networks, locator, count, folders ? target : null);
                    BatchReplay.Write(target, [.. replay.Logs.Select(l => l.Algorithm)], networks, replayed);
                }
                catch (Exception ex) when (ex is (IOException and not FileNotFoundException) or UnauthorizedAccessException)
                {
                    error.WriteLine($"sasg: --output {target}: cannot write the summary ({ex.Message.TrimEnd('.')}); give a folder you can write");
                    return ExitCodes.BadInput;
                }
                console.WriteLine($"{networks.Count.ToString(CultureInfo.InvariantCulture)} networks replayed: {Path.Combine(target, BatchReplay.FileStem)}.csv and .parquet"
                    + (folders ? $", a folder per network in {Path.Combine(target, "networks")}" : string.Empty));
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

    private static int ReplayOne(IAnsiConsole console, string folder, ReplayNetworkOverrides overrides, DatasetLocator locator)
    {
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

    // The cartesian product of every option's values (repeated or comma-separated), last option fastest; a bad value
    // is a FormatException whose message names the option.
    private static List<ReplayNetworkOverrides> Combinations(IEnumerable<(string Name, string[] Values)> options)
    {
        List<ReplayNetworkOverrides> combinations = [ReplayNetworkOverrides.None];
        foreach (var (name, values) in options)
        {
            var texts = values.SelectMany(v => v.Split(',')).ToList();
            if (texts.Count == 0)
            {
                continue;
            }

            var parsed = texts.Select(text => Parse(name, text)).ToList();
            combinations = [.. combinations.SelectMany(c => parsed.Select(c.Then))];
        }

        return combinations;
    }

    private static ReplayNetworkOverrides Parse(string name, string text)
    {
        try
        {
            return ReplayNetworkFields.Set(ReplayNetworkOverrides.None, name, text);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"--{name} {text}: {ex.Message}", ex);
        }
    }
}
