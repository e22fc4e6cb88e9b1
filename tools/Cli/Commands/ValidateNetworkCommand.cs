using System.CommandLine;
using System.Globalization;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Fidelity;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg validate-network &lt;results&gt;... --output DIR [grid]</c>: replays real decision logs as TCP uploads
/// on emulated star networks (tools/netem, needs root) or on the same networks simulated packet by packet by ns-3
/// (<c>--engine ns3</c>, tools/ns3), and compares each iteration's time with the simulator's; <c>--engine both</c> runs
/// both references and also checks that they agree with each other (docs/fidelity.md).</summary>
internal static class ValidateNetworkCommand
{
    /// <summary>The machine cannot emulate (not root, no namespaces, missing tools); one line says why.</summary>
    public const int CannotEmulate = ExitCodes.CannotEmulate;

    /// <summary>--check-target: some large-payload configuration missed the target.</summary>
    public const int TargetMissed = ExitCodes.TargetMissed;

    /// <summary>--check-target: the target was met, but so was it by a deliberately wrong model (payload-only, links
    /// 10 % slow, or twice the latency) in every configuration: the gate cannot tell a wrong model apart.</summary>
    public const int WrongModelNotRejected = ExitCodes.WrongModelNotRejected;

    /// <summary>The most workers an emulated star can have (netem.sh's namespaces).</summary>
    public const int MostNetemWorkers = 64;

    /// <summary>The most workers of an ns-3 star.</summary>
    public const int MostNs3Workers = 2000;

    private enum Engine
    {
        Netem,
        Ns3,
        Both,
    }

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var results = new Argument<string[]>("results") { Description = "Results folders written by 'sasg run' (their decisions.csv or decisions.parquet).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Where runs/, observations.csv, errors.csv, fidelity.md and plots/ go.", Required = true };
        var workers = new Option<string>("--workers") { Description = "Numbers of workers M.", DefaultValueFactory = _ => "2,4,8" };
        var rates = new Option<string>("--rates") { Description = "Link rates (uplinks and server link).", DefaultValueFactory = _ => "10Mbps,100Mbps,1Gbps" };
        var latencies = new Option<string>("--latencies") { Description = "One-way latencies.", DefaultValueFactory = _ => "0.5ms,5ms,50ms" };
        var modes = new Option<string>("--modes") { Description = "push and/or pull.", DefaultValueFactory = _ => "push,pull" };
        var algorithms = new Option<string?>("--algorithms") { Description = "Algorithm labels to replay (default: all)." };
        var iterations = new Option<int>("--iterations") { Description = "Most iterations per algorithm.", DefaultValueFactory = _ => 3 };
        var repeat = new Option<int>("--repeat") { Description = "Passes over each plan.", DefaultValueFactory = _ => 3 };
        var budget = new Option<string>("--budget") { Description = "Estimated emulation time per network.", DefaultValueFactory = _ => "20s" };
        var netem = new Option<string?>("--netem") { Description = "Path of tools/netem/netem.sh (default: found from the current folder)." };
        var analyzeOnly = new Option<bool>("--analyze-only") { Description = "Compare finished runs in --output again; emulate nothing." };
        var connection = new Option<string>("--connection") { Description = "persistent (warm connections) or new (a new TCP connection per upload).", DefaultValueFactory = _ => "persistent" };
        var engine = new Option<string>("--engine") { Description = "netem (emulated namespaces, root), ns3 (ns-3 packet simulation, tools/ns3) or both (each into <output>/netem and <output>/ns3, plus their agreement).", DefaultValueFactory = _ => "netem" };
        var ns3 = new Option<string?>("--ns3") { Description = "Path of tools/ns3/build.sh (default: found from the current folder)." };
        var replicate = new Option<bool>("--replicate-workers") { Description = "Stretch decision logs with fewer than M workers: worker w replays worker w mod N's decisions." };
        var groups = new Option<int>("--groups") { Description = "ns3 and push only: a two-level tree of G aggregators (M/G contiguous workers each; each upload forwarded as is once in) instead of the star." };
        var check = new Option<string?>("--check-target") { Description = "Print one line per configuration; exit 4 when a large-payload configuration misses the target under this variant (payload, wire, wire-rtt), 5 when a deliberately wrong model (payload, wire-slow-10pct, wire-double-latency) meets it everywhere." };
        var command = new Command("validate-network", "Compare simulated iteration times with real TCP on an emulated network (root).")
        {
            results, output, workers, rates, latencies, modes, algorithms, iterations, repeat, budget, netem, analyzeOnly, connection, check,
            engine, ns3, replicate, groups,
        };
        command.SetAction(p =>
        {
            FidelityGrid grid;
            LinkModelVariant? gate = null;
            Engine chosen;
            try
            {
                chosen = ParseEngine(p.GetValue(engine)!);
                var most = chosen == Engine.Ns3 ? MostNs3Workers : MostNetemWorkers;
                var configurations = FidelityGrid.Product(
                    List(p.GetValue(workers)!, "--workers", t => int.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture) is var m && m >= 1 && m <= most ? m : throw new FormatException($"M must be 1..{most} with --engine {p.GetValue(engine)}")),
                    List(p.GetValue(rates)!, "--rates", Units.ParseBandwidth),
                    List(p.GetValue(latencies)!, "--latencies", Units.ParseDuration),
                    List(p.GetValue(modes)!, "--modes", t => t.ToLowerInvariant() switch { "push" => FidelityMode.Push, "pull" => FidelityMode.Pull, _ => throw new FormatException() }),
                    p.GetValue(connection) switch
                    {
                        "persistent" => false,
                        "new" => true,
                        var other => throw new FormatException($"--connection '{other}': write persistent or new"),
                    });
                var labels = p.GetValue(algorithms) is { } a ? a.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
                var perAlgorithm = Positive(p.GetValue(iterations), "--iterations");
                var passes = Positive(p.GetValue(repeat), "--repeat");
                var seconds = Units.ParseDuration(p.GetValue(budget)!);
                if (chosen != Engine.Netem && configurations.Any(c => c.NewConnection))
                {
                    throw new FormatException("--connection new: the ns-3 replay uses persistent connections only; use --engine netem");
                }

                if (p.GetValue(groups) is var tree && tree != 0)
                {
                    if (chosen != Engine.Ns3)
                    {
                        throw new FormatException("--groups: the two-level tree is an ns-3 reference only; add --engine ns3");
                    }

                    if (configurations.Any(c => c.Mode != FidelityMode.Push))
                    {
                        throw new FormatException("--groups: the two-level tree runs push only; use --modes push");
                    }

                    if (tree < 1 || configurations.Any(c => c.Workers % tree != 0))
                    {
                        throw new FormatException($"--groups {tree}: G must be at least 1 and divide every M in --workers");
                    }

                    configurations = [.. configurations.Select(c => c with { Groups = tree })];
                }

                grid = new FidelityGrid(configurations, labels, perAlgorithm, passes, seconds.Nanoseconds, p.GetValue(replicate));
                if (p.GetValue(check) is { } variant)
                {
                    gate = Enum.GetValues<LinkModelVariant>().Where(v => FidelityReportWriter.Word(v) == variant).Cast<LinkModelVariant?>().FirstOrDefault()
                        ?? throw new FormatException($"--check-target '{variant}': write payload, wire or wire-rtt");
                }
            }
            catch (FormatException ex)
            {
                error.WriteLine($"sasg: {ex.Message}");
                return ExitCodes.BadInput;
            }

            var rows = new List<DecisionRow>();
            foreach (var folder in p.GetValue(results)!)
            {
                IReadOnlyList<DecisionRow>? read;
                try
                {
                    read = DecisionFiles.Read(folder);
                }
                catch (InvalidDataException ex)
                {
                    error.WriteLine($"sasg: {ex.Message}");
                    return ExitCodes.BadInput;
                }

                if (read is null)
                {
                    error.WriteLine($"sasg: {folder}: no decisions.csv or decisions.parquet; run 'sasg run <scenario> --output {folder}' first");
                    return ExitCodes.BadInput;
                }

                rows.AddRange(read);
            }

            var references = new List<(string Folder, INetworkReference? Runner)>();
            foreach (var which in chosen == Engine.Both ? [Engine.Netem, Engine.Ns3] : new[] { chosen })
            {
                INetworkReference? runner = null;
                if (!p.GetValue(analyzeOnly))
                {
                    var located = which == Engine.Netem
                        ? p.GetValue(netem) ?? FindScript("netem", "netem.sh")
                        : p.GetValue(ns3) ?? FindScript("ns3", "build.sh");
                    if (located is null || !File.Exists(located))
                    {
                        error.WriteLine(which == Engine.Netem
                            ? "sasg: tools/netem/netem.sh not found; run from the repository or give --netem <path>"
                            : "sasg: tools/ns3/build.sh not found; run from the repository or give --ns3 <path>");
                        return ExitCodes.BadInput;
                    }

                    runner = which == Engine.Netem ? new NetemRunner(Path.GetFullPath(located)) : new Ns3Runner(Path.GetFullPath(located));
                    if (runner.CannotRunReason() is { } reason)
                    {
                        error.WriteLine($"sasg: {reason}");
                        return CannotEmulate;
                    }
                }

                references.Add((chosen == Engine.Both ? (which == Engine.Netem ? "netem" : "ns3") : string.Empty, runner));
            }

            var directory = Path.GetFullPath(p.GetValue(output)!);
            var reports = new List<FidelityReport>();
            try
            {
                foreach (var (folder, runner) in references)
                {
                    // A gate prints one line per configuration (below), not the progress.
                    var progressPrefix = folder.Length > 0 ? folder + ": " : string.Empty;
                    reports.Add(FidelityValidation.Run(
                        grid, rows, runner, Path.Combine(directory, folder), line => { if (gate is null) { console.WriteLine(progressPrefix + line); } }));
                }
            }
            catch (InvalidDataException ex)
            {
                error.WriteLine($"sasg: {ex.Message}");
                return ExitCodes.BadInput;
            }

            var status = ExitCodes.Ok;
            if (chosen == Engine.Both)
            {
                var agreement = ReferenceAgreement.Compare(reports[0], reports[1]);
                ReferenceAgreement.Write(directory, agreement);
                foreach (var line in ReferenceAgreement.Lines(agreement))
                {
                    console.Profile.Out.Writer.WriteLine(line);
                }

                if (agreement.Count == 0 || agreement.Any(a => !a.MeetsTarget))
                {
                    console.Profile.Out.Writer.WriteLine(agreement.Count == 0
                        ? "netem and ns-3: no large-payload iteration in both: nothing compared"
                        : "netem and ns-3 DISAGREE beyond the target (median 3 %, p95 10 %): see agreement.csv");
                    status = TargetMissed;
                }
            }

            if (gate is { } g)
            {
                foreach (var (report, (folder, _)) in reports.Zip(references))
                {
                    var verdict = FidelityGate.Evaluate(report, g);
                    foreach (var line in verdict.Lines)
                    {
                        // unwrapped: one line per configuration, also in a CI log
                        console.Profile.Out.Writer.WriteLine(folder.Length > 0 ? $"{folder}: {line}" : line);
                    }

                    var code = !verdict.TargetMet ? TargetMissed : verdict.ControlsNotRejected.Count > 0 ? WrongModelNotRejected : ExitCodes.Ok;
                    status = status != ExitCodes.Ok ? status : code;
                }

                return status;
            }

            foreach (var (report, (folder, _)) in reports.Zip(references))
            {
                if (folder.Length > 0)
                {
                    console.WriteLine(folder);
                }

                Print(console, report.Summaries);
                console.WriteLine($"report: {Path.Combine(directory, folder, "fidelity.md")}");
            }

            return status;
        });
        return command;
    }
    private static void Print(IAnsiConsole console, IReadOnlyList<FidelitySummary> summaries)
    {
        var table = new Table().AddColumn("configuration").AddColumn("class").AddColumn(new TableColumn("n").RightAligned());
        foreach (var v in Enum.GetValues<LinkModelVariant>())
        {
            table.AddColumn(new TableColumn(FidelityReportWriter.Word(v) + " med/p95").RightAligned());
        }

        foreach (var group in summaries.GroupBy(s => (s.Configuration, s.Class)))
        {
            var cells = new List<string> { group.Key.Configuration.Name, group.Key.Class.ToString().ToLowerInvariant(), group.First().Count.ToString(CultureInfo.InvariantCulture) };
            foreach (var v in Enum.GetValues<LinkModelVariant>())
            {
                var s = group.FirstOrDefault(x => x.Variant == v);
                cells.Add(s is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{s.MedianAbsoluteError * 100:0.0}/{s.P95AbsoluteError * 100:0.0} %"));
            }

            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        console.Write(table);
    }

    private static List<T> List<T>(string text, string option, Func<string, T> parse)
    {
        var values = new List<T>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                values.Add(parse(item));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
            {
                throw new FormatException($"{option} '{text}': '{item}' is not valid ({ex.Message})", ex);
            }
        }

        return values.Count > 0 ? values : throw new FormatException($"{option} is empty");
    }

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new FormatException($"{option} must be at least 1");

    private static Engine ParseEngine(string text) => text.ToLowerInvariant() switch
    {
        "netem" => Engine.Netem,
        "ns3" or "ns-3" => Engine.Ns3,
        "both" => Engine.Both,
        _ => throw new FormatException($"--engine '{text}': write netem, ns3 or both"),
    };

    private static string? FindScript(string tool, string file)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", tool, file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
