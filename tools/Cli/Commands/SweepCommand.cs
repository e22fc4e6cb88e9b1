using System.CommandLine;
using System.Globalization;
using Sasg.Experiments.Scenarios;
using Sasg.Experiments.Sweeps;
using Sasg.Learning.Data;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg sweep &lt;scenario&gt; [--dir folder] [--parallel N]</c>: runs every cell of the scenario's sweep
/// block into a sweep folder, resuming one that a previous invocation left unfinished (docs/sweeps.md).</summary>
internal static class SweepCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error, DatasetLocator locator)
    {
        var scenario = new Argument<string>("scenario") { Description = "A scenario file (JSON) with a sweep block." };
        var directory = new Option<string?>("--dir")
        {
            Description = "The sweep folder (default: the scenario's outputs.directory followed by -sweep).",
        };
        var parallel = new Option<int>("--parallel")
        {
            Description = "How many learning groups train at once (default: one per core).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("sweep", "Run every cell of a scenario's sweep (resumable), then write sweep.csv and plots.")
        {
            scenario, directory, parallel,
        };
        command.SetAction(parseResult => Run(
            console,
            error,
            locator,
            parseResult.GetValue(scenario)!,
            parseResult.GetValue(directory),
            parseResult.GetValue(parallel)));
        return command;
    }

    private static int Run(IAnsiConsole console, TextWriter error, DatasetLocator locator, string path, string? directory, int parallel)
    {
        if (parallel < 1)
        {
            error.WriteLine($"sasg: --parallel must be at least 1 (got {parallel.ToString(CultureInfo.InvariantCulture)})");
            return ExitCodes.BadInput;
        }

        var loaded = ScenarioLoader.Load(path);
        if (loaded.Sweep is not { } sweep)
        {
            error.WriteLine($"sasg: {path} has no sweep block; add one, for example \"sweep\": {{ \"network.uplink\": [\"100Mbps\", \"1Gbps\"] }}, or use 'sasg run'");
            return ExitCodes.BadInput;
        }

        var folder = Path.GetFullPath(directory ?? loaded.Outputs.Directory + "-sweep");
        // Short lines: redirected output is wrapped at 80 columns.
        console.MarkupLine(
            $"[bold]{Markup.Escape(loaded.Name)}[/]: {sweep.CellCount} cells ({Markup.Escape(string.Join(" x ", sweep.Axes.Select(a => a.Path)))}), "
            + $"{parallel} at once");
        console.WriteLine($"sweep folder: {folder}");
        var gate = new Lock();
        SweepOutcome outcome;
        try
        {
            outcome = SweepRunner.Run(loaded, folder, new SweepOptions { Parallelism = parallel, Locator = locator }, cell =>
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
}
