using System.CommandLine;
using System.Globalization;
using Sasg.Experiments.Driver;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg run</c>: the embedded default run (the LAG synthetic problem, GD vs LAG-WK vs LAG-PS, 9 workers on
/// 1 Gbit/s links, sequential ingress) and its summary table.</summary>
internal static class RunCommand
{
    /// <summary>Builds the command; the table goes to <paramref name="console"/>.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var scenario = new Argument<string?>("scenario")
        {
            Description = "A scenario file. Omit it to run the embedded default.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("run", "Run a scenario and print its summary (no argument: the embedded default).") { scenario };
        command.SetAction(parseResult =>
        {
            if (parseResult.GetValue(scenario) is { } path)
            {
                error.WriteLine($"sasg: scenario files are not supported yet ('{path}'); run 'sasg run' for the embedded default");
                return ExitCodes.BadInput;
            }

            return Run(console, ConvexRunOptions.Default);
        });
        return command;
    }

    private static int Run(IAnsiConsole console, ConvexRunOptions options)
    {
        console.WriteLine(
            $"LAG synthetic least squares: {options.Problem.Workers} workers, {options.Problem.Samples}x{options.Problem.Features} "
            + $"each, L_m growth {options.Problem.Base.ToString(CultureInfo.InvariantCulture)}, seed {options.Problem.Seed}; "
            + $"uplinks {options.Uplink.Bandwidth}, latency {options.Uplink.Latency}, ingress {options.Ingress}; "
            + $"target |f - f*| < {options.Tolerance.ToString("0e0", CultureInfo.InvariantCulture)}");
        var results = ConvexRun.Execute(options);
        var table = new Table()
            .AddColumn("algorithm")
            .AddColumn(new TableColumn("iterations").RightAligned())
            .AddColumn(new TableColumn("uploads").RightAligned())
            .AddColumn(new TableColumn("bytes").RightAligned())
            .AddColumn(new TableColumn("simulated s").RightAligned())
            .AddColumn(new TableColumn("|f - f*|").RightAligned())
            .AddColumn("reached");
        foreach (var r in results)
        {
            table.AddRow(
                r.Algorithm,
                r.Iterations.ToString(CultureInfo.InvariantCulture),
                r.Uploads.ToString(CultureInfo.InvariantCulture),
                r.UploadBytes.ToString(CultureInfo.InvariantCulture),
                r.SimulatedSeconds.ToString("0.000000", CultureInfo.InvariantCulture),
                r.ObjectiveError.ToString("0.00e0", CultureInfo.InvariantCulture),
                r.ReachedTolerance ? "yes" : "no");
        }

        console.Write(table);
        return results.All(r => r.ReachedTolerance) ? ExitCodes.Ok : ExitCodes.InternalError;
    }
}
