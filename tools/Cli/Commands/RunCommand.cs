using System.CommandLine;
using Sasg.Cli.Rendering;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Results.Plots;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.NetSim.Trace;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg run [scenario]</c>: runs a scenario file (no argument: the embedded default, the LAG synthetic
/// problem with GD, LAG-WK and LAG-PS on 1 Gbit/s links), writes its results folder and prints the summary.</summary>
internal static class RunCommand
{
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
            Description = "The results folder (default: the scenario's outputs.directory, results/<name>).",
        };
        var parallel = new Option<int>("--parallel", "-j")
        {
            Description = "How many methods to simulate at the same time (default: the number of cores). Results do not depend on it.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("run", "Run a scenario, write its results folder and print the summary.") { scenario, output, parallel };
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
            return Run(console, error, locator, loaded, parseResult.GetValue(output), methods);
        });
        return command;
    }

    /// <summary>Runs <paramref name="scenario"/> and writes its results into <paramref name="output"/> (or the
    /// scenario's folder); returns an exit code.</summary>
    public static int Run(
        IAnsiConsole console, TextWriter error, DatasetLocator locator, Scenario scenario, string? output, int parallelMethods = 1)
    {
        var plan = ScenarioPlanner.Plan(scenario, locator);
        var directory = Path.GetFullPath(output ?? scenario.Outputs.Directory);
        console.MarkupLine(
            $"[bold]{Markup.Escape(scenario.Name)}[/]: {plan.WorkerData.Count} workers, {plan.Algorithms.Count} methods, "
            + $"up to {plan.Iterations} iterations; results in {Markup.Escape(directory)}");
        if (!scenario.Outputs.Trace)
        {
            // An earlier run's traces in this folder would be plotted as this run's.
            DeleteTraces(directory);
        }

        using var traces = scenario.Outputs.Trace ? RunTraces.Open(directory) : null;
        Func<string, ITraceSink?>? traceFor = traces is null ? null : traces.Begin;
        var results = ProgressReporter.Run(
            console,
            plan.Algorithms.Select(a => a.Label).ToList(),
            plan.Iterations,
            progress => ExperimentDriver.Run(plan, traceFor, progress, parallelMethods));
        traces?.Complete();
        ResultsFolder.Write(directory, plan, results, scenario.ToResolvedJson());
        if (scenario.Outputs.Plots)
        {
            var plots = PlotWriter.WriteAll(directory);
            console.WriteLine($"plots: {plots.Written.Count} files in {plots.Directory}");
        }

        console.Write(SummaryTable.Of(results));
        foreach (var diverged in results.Where(r => r.Diverged))
        {
            error.WriteLine($"sasg: {diverged.Message}");
        }

        return ExitCodes.Ok;
    }

    private static void DeleteTraces(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var pattern in new[] { RunTraces.CsvName, RunTraces.JsonName, "trace-*.csv", "trace-*.json" })
        {
            foreach (var file in Directory.EnumerateFiles(directory, pattern))
            {
                File.Delete(file);
            }
        }
    }
}
