using System.CommandLine;
using Sasg.Cli.Commands;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Spectre.Console;

namespace Sasg.Cli;

/// <summary>Builds the sasg command tree, runs it and maps failures to exit codes and one-line messages.</summary>
internal static class SasgApp
{
    /// <summary>The global option that adds the whole error (a native stack included) to a failure's one line.</summary>
    public const string VerboseOption = "--verbose";

    /// <summary>Runs the command line <paramref name="args"/>; returns an <see cref="ExitCodes"/> value.</summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, DatasetLocator locator)
    {
        var codes = string.Join(", ", ExitCodes.All.Select(c => $"{c.Code} {c.Meaning}"));
        var root = new RootCommand(
            "Sasg: a discrete-event simulator of the communication cost of distributed learning.\n"
            + $"Exit codes: {codes} (docs/cli.md).")
        {
            RunCommand.Create(console, error, locator),
            DataCommand.Create(console, error, locator),
            PlotCommand.Create(console, error),
            SweepCommand.Create(console, error, locator),
            ValidateCommand.Create(console),
            ListCommand.Create(console),
            ReportCommand.Create(console, error),
            ReplayCommand.Create(console, error, locator),
            HeterogeneityCommand.Create(console, error, locator),
            ValidateNetworkCommand.Create(console, error),
        };
        var verbose = new Option<bool>(VerboseOption)
        {
            Description = "On a failure that is not a mistake in the input, also print the whole error (a native stack).",
            Recursive = true,
        };
        root.Options.Add(verbose);

        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new VersionAction();
        }

        var parseResult = root.Parse(args);
        if (ParseErrorReporter.Report(parseResult, error) > 0)
        {
            return ExitCodes.BadInput;
        }

        try
        {
            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = new AnsiConsoleWriter(console),
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (ScenarioException ex)
        {
            foreach (var problem in ex.Problems)
            {
                error.WriteLine(problem.ToString());
            }

            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is DatasetNotFoundException or DataFormatException)
        {
            error.WriteLine($"sasg: {ex.Message}");
            return ExitCodes.BadInput;
        }
#pragma warning disable CA1031 // The program's last line of defence: any other failure is reported, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return FailureReport.Write(error, ex, parseResult.GetValue(verbose));
        }
    }
}
