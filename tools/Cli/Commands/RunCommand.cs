using System.CommandLine;
using Sasg.Cli.Rendering;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Results.Plots;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg run [scenario]</c>: runs a scenario file (no argument: the embedded default, the LAG synthetic
/// problem with GD, LAG-WK and LAG-PS on 1 Gbit/s links), writes its results folder and prints the summary.</summary>
internal static class RunCommand
{
    /// <summary>The least time between two checkpoints of a running run (<see cref="RunCheckpoints"/>).</summary>
    internal static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(20);

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error, DatasetLocator locator)
    {
        var scenario = new Argument<string?>("scenario")
        {
            Description = "A scenario file (JSON). Omit it to run the embedded default.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The results folder, any path (default: the scenario's outputs.directory, results/<name>).",
        };
        var parallel = new Option<int>("--parallel", "-j")
        {
            Description = "How many methods to simulate at the same time (default: the number of cores). Results do not depend on it.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var allowOutside = new Option<bool>("--allow-outside")
        {
            Description = "Let the scenario's outputs.directory name a folder outside ./results.",
        };
        var command = new Command("run", "Run a scenario, write its results folder and print the summary.")
        {
            scenario, output, parallel, allowOutside,
        };
        command.SetAction(parseResult =>
        {
            var methods = parseResult.GetValue(parallel);
            if (methods < 1)
            {
                error.WriteLine($"sasg: --parallel {methods}: write a number of methods of at least 1");
                return ExitCodes.BadInput;
            }

            var path = parseResult.GetValue(scenario);
            var loaded = path is null ? EmbeddedScenario.Load() : ScenarioLoader.Load(path);
            var options = new RunOptions(parseResult.GetValue(output), methods, parseResult.GetValue(allowOutside))
            {
                Verbose = parseResult.GetValue<bool>(SasgApp.VerboseOption),
            };
            return Run(console, error, locator, loaded, options);
        });
        return command;
    }

    /// <summary>Runs <paramref name="scenario"/> as <paramref name="options"/> say; returns an exit code.</summary>
    /// <remarks>The results folder is made ready first (<see cref="RunFolder.Prepare"/>), then written as the run goes
    /// (a checkpoint now and then), and written whole when it ends. A run that fails keeps what was computed, says so
    /// in its summary.json and in one line on <paramref name="error"/>, and exits 1.</remarks>
    public static int Run(IAnsiConsole console, TextWriter error, DatasetLocator locator, Scenario scenario, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        var directory = options.Output is { } given
            ? Path.GetFullPath(given)
            : ResultsPathRules.ScenarioFolder(scenario, string.Empty, options.AllowOutside, "or run with --allow-outside, or give --output");
        var plan = ScenarioPlanner.Plan(scenario, locator);
        ExperimentDriver.Validate(plan);
        console.MarkupLine(
            $"[bold]{Markup.Escape(scenario.Name)}[/]: {plan.WorkerData.Count} workers, {plan.Algorithms.Count} methods, "
            + $"up to {plan.Iterations} iterations; results in {Markup.Escape(directory)}");
        RunFolder folder;
        try
        {
            folder = RunFolder.Prepare(directory, scenario.Outputs.Trace);
        }
        catch (ResultsFolderException ex)
        {
            error.WriteLine($"sasg: {ex.Message}");
            return ExitCodes.BadInput;
        }

        // The folder stays locked until the run has written everything, plots included.
        using var locked = folder;
        // Decisions are spooled into the results folder as they come, so that they do not accumulate in memory.
        using var recorder = new RunRecorder(plan, folder.Directory);
        var resolved = scenario.ToResolvedJson();
        var checkpoints = new RunCheckpoints(folder.Directory, plan, recorder, resolved, options.CheckpointInterval ?? CheckpointInterval);
        var traces = scenario.Outputs.Trace ? RunTraces.Open(folder.Directory) : null;
        IReadOnlyList<AlgorithmResult> results;
        try
        {
            checkpoints.Write(RunCheckpoints.Unfinished);
            results = ProgressReporter.Run(
                console,
                plan.Algorithms.Select(a => a.Label).ToList(),
                plan.Iterations,
                progress => ExperimentDriver.Run(
                    plan,
                    traces is null ? null : traces.Begin,
                    p =>
                    {
                        progress(p);
                        options.AfterIteration?.Invoke(p);
                        checkpoints.Observe();
                    },
                    options.ParallelMethods,
                    recorder),
                options.ParallelMethods);
            traces?.Complete();
            ResultsFolder.Write(folder.Directory, plan, results, resolved);
        }
#pragma warning disable CA1031 // Whatever ended the run, what it computed is kept and the failure is one line.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return RunFailure.Report(error, folder, checkpoints, recorder, traces, ex, options.Verbose);
        }
        finally
        {
            traces?.Dispose();
        }

        if (scenario.Outputs.Plots)
        {
            var plots = PlotWriter.WriteAll(folder.Directory);
            console.WriteLine($"plots: {plots.Written.Count} files in {plots.Directory}");
        }

        if (checkpoints.LastFailure is { } lost)
        {
            error.WriteLine($"sasg: note: a checkpoint could not be written while the run went on ({lost}); the final results are whole");
        }

        console.Write(SummaryTable.Of(results));
        foreach (var diverged in results.Where(r => r.Diverged))
        {
            error.WriteLine($"sasg: {diverged.Message}");
        }

        if (StalledRuns.Problem(scenario, results) is { } stalled)
        {
            // A time-driven run that never made an update: the scenario cannot work as written.
            error.WriteLine(stalled.ToString());
            return ExitCodes.BadInput;
        }

        return ExitCodes.Ok;
    }
}
