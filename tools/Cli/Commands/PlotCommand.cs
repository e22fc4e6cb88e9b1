using System.CommandLine;
using Sasg.Experiments.Results;
using Sasg.Experiments.Results.Plots;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg plot RESULTS</c>: (re)draws the plots of a results folder into RESULTS/plots (PNG and SVG).</summary>
internal static class PlotCommand
{
    /// <summary>Builds the command; output goes to <paramref name="console"/>, errors to <paramref name="error"/>.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var results = new Argument<string>("results")
        {
            Description = "A results folder written by 'sasg run' (it holds metrics.csv).",
        };
        var command = new Command("plot", "Draw the plots of a results folder into <results>/plots (PNG and SVG).") { results };
        command.SetAction(parseResult => Plot(console, error, parseResult.GetValue(results)!));
        return command;
    }

    private static int Plot(IAnsiConsole console, TextWriter error, string results)
    {
        if (!Directory.Exists(results))
        {
            error.WriteLine($"sasg: {results}: no such results folder; run 'sasg run' first");
            return ExitCodes.BadInput;
        }

        if (!File.Exists(Path.Combine(results, "metrics.csv")))
        {
            error.WriteLine($"sasg: {results}: no metrics.csv in this folder; run 'sasg run' first");
            return ExitCodes.BadInput;
        }

        PlotReport report;
        try
        {
            report = PlotWriter.WriteAll(results);
        }
        catch (InvalidDataException ex)
        {
            error.WriteLine($"sasg: {ex.Message}");
            return ExitCodes.BadInput;
        }

        foreach (var skipped in report.Skipped)
        {
            console.WriteLine($"skipped {skipped}");
        }

        console.WriteLine($"plots: {report.Written.Count} files in {report.Directory}");
        if (RunSummary.Read(Path.Combine(results, "summary.json"))?.Incomplete is { } why)
        {
            error.WriteLine($"sasg: note: {results} holds an incomplete run ({why}); the plots show what it computed");
        }

        return ExitCodes.Ok;
    }
}
