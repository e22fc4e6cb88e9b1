using System.CommandLine;
using System.Globalization;
using Sasg.Experiments.Scenarios;
using Sasg.Experiments.Sweeps;
using Sasg.Experiments.Sweeps.Slurm;
using Sasg.Learning.Data;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg sweep &lt;scenario&gt; [--dir folder] [--engine local|slurm] ...</c>: runs every cell of the
/// scenario's sweep block into a sweep folder, here (resuming one that a previous invocation left unfinished,
/// docs/sweeps.md) or as Slurm job arrays (docs/cluster.md); with the subcommands that follow a cluster sweep.</summary>
internal static class SweepCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error, DatasetLocator locator)
    {
        var scenario = new Argument<string>("scenario") { Description = "A scenario file (JSON) with a sweep block." };
        var directory = new Option<string?>("--dir")
        {
            Description = "The sweep folder (default: results/sweeps/<name>, or sweeps/<leaf> beside the scenario's outputs.directory); with --engine slurm, a folder on the cluster's shared filesystem.",
        };
        var parallel = new Option<int>("--parallel")
        {
            Description = "Local engine: how many cells compute at once, trainings and replays (default: one per core).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var engine = new Option<string>("--engine")
        {
            Description = "local (this machine, the default) or slurm (job arrays on a Slurm cluster).",
            DefaultValueFactory = _ => "local",
        };
        // One line (System.CommandLine's own list of allowed values spans several).
        engine.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is var value and not ("local" or "slurm"))
            {
                result.AddError($"--engine must be local or slurm (got '{value}')");
            }
        });
        var slurm = new SweepSlurmOptions();
        var command = new Command("sweep", "Run every cell of a scenario's sweep (resumable), then write sweep.csv and plots.")
        {
            scenario, directory, parallel, engine,
        };
        slurm.AddTo(command);
        command.Subcommands.Add(SweepStatusCommand.Create(console, error));
        command.Subcommands.Add(SweepCollectCommand.Create(console, error));
        command.Subcommands.Add(SweepResubmitCommand.Create(console, error));
        command.Subcommands.Add(SweepRunCellCommand.Create(console, error, locator));
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(scenario)!;
            var dir = parseResult.GetValue(directory);
            if (parseResult.GetValue(engine) == "slurm")
            {
                var options = slurm.Read(parseResult, error);
                return options is null ? ExitCodes.BadInput : RunSlurm(console, error, path, dir, options, slurm.Wait(parseResult));
            }

            if (slurm.FirstGiven(parseResult) is { } given)
            {
                error.WriteLine($"sasg: {given} applies to --engine slurm only; add --engine slurm, or drop {given}");
                return ExitCodes.BadInput;
            }

            return Run(console, error, locator, path, dir, parseResult.GetValue(parallel));
        });
        return command;
    }

    private static int Run(IAnsiConsole console, TextWriter error, DatasetLocator locator, string path, string? directory, int parallel)
    {
        if (parallel < 1)
        {
            error.WriteLine($"sasg: --parallel must be at least 1 (got {parallel.ToString(CultureInfo.InvariantCulture)})");
            return ExitCodes.BadInput;
        }

        if (Load(error, path) is not { } loaded)
        {
            return ExitCodes.BadInput;
        }

        var sweep = loaded.Sweep!;
        console.MarkupLine(
            $"[bold]{Markup.Escape(loaded.Name)}[/]: {sweep.CellCount} cells ({Markup.Escape(string.Join(" x ", sweep.Axes.Select(a => a.Path)))}), "
            + $"{parallel} at once");
        var folder = Folder(console, directory, loaded);
        var gate = new Lock();
        SweepOutcome outcome;
        try
        {
            var options = new SweepOptions { Parallelism = parallel, Locator = locator, Notice = note => console.WriteLine($"note: {note}") };
            outcome = SweepRunner.Run(loaded, folder, options, cell =>
            {
                lock (gate)
                {
                    console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"cell {cell.Index + 1}/{sweep.CellCount} {cell.Id} {cell.Label}: {(cell.Replayed ? "replayed" : "trained")}, {cell.Elapsed.TotalSeconds:0.00} s"));
                }
            });
        }
        catch (SweepFolderException ex)
        {
            error.WriteLine($"sasg: {ex.Message}");
            return ExitCodes.BadInput;
        }

        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{outcome.Cells} cells: {outcome.CellsRun} done now ({outcome.TrainingRuns} trained, {outcome.CellsRun - outcome.TrainingRuns} replayed), {outcome.CellsAlreadyDone} already done"));
        console.WriteLine($"combined CSV: {outcome.CsvPath}");
        return ExitCodes.Ok;
    }

    private static int RunSlurm(IAnsiConsole console, TextWriter error, string path, string? directory, SlurmSweepOptions options, bool wait)
    {
        if (Load(error, path) is not { } loaded)
        {
            return ExitCodes.BadInput;
        }

        var sweep = loaded.Sweep!;
        console.MarkupLine(
            $"[bold]{Markup.Escape(loaded.Name)}[/]: {sweep.CellCount} cells ({Markup.Escape(string.Join(" x ", sweep.Axes.Select(a => a.Path)))}), on Slurm");
        var folder = Folder(console, directory, loaded);
        return SweepSubmitter.Submit(console, error, folder, options, wait, () =>
        {
            SlurmSweep.Prepare(loaded, folder);
            var program = Path.Combine(folder, "bin", "sasg");
            // A folder with submissions keeps its build, so that every cell of one sweep is computed by one program
            // (tasks may be running it right now).
            return File.Exists(Path.Combine(folder, "slurm", "submissions.tsv")) && File.Exists(program)
                ? program
                : SweepPublisher.Ensure(folder, new AnsiConsoleWriter(console));
        });
    }

    // The folder named by --dir, else the default one (SweepDirectories), said on one line either way.
    private static string Folder(IAnsiConsole console, string? directory, Scenario scenario)
    {
        var earlier = false;
        // A scenario file's outputs.directory must stay under results/ (an explicit --dir may be anywhere).
        var folder = directory is null
            ? ResultsPathRules.DerivedFolder(
                scenario,
                SweepDirectories.Default(ResultsPathRules.ScenarioFolder(scenario, string.Empty, allowOutside: false, "or give --dir"), out earlier),
                "or give --dir")
            : Path.GetFullPath(directory);
        console.WriteLine(earlier ? $"sweep folder: {folder} (the name earlier versions gave; resumed there)" : $"sweep folder: {folder}");
        return folder;
    }

    private static Scenario? Load(TextWriter error, string path)
    {
        var loaded = ScenarioLoader.Load(path);
        if (loaded.Sweep is null)
        {
            error.WriteLine($"sasg: {path} has no sweep block; add one, for example \"sweep\": {{ \"network.uplink\": [\"100Mbps\", \"1Gbps\"] }}, or use 'sasg run'");
            return null;
        }

        return loaded;
    }
}
