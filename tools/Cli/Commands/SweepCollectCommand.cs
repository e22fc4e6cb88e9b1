using System.CommandLine;
using Sasg.Experiments.Sweeps;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg sweep collect &lt;dir&gt; [--no-plots]</c>: writes the combined sweep.csv and the plots of a sweep whose every
/// cell is done, exactly as the local engine writes them.</summary>
internal static class SweepCollectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var directory = new Argument<string>("dir") { Description = "The sweep folder." };
        var noPlots = new Option<bool>("--no-plots") { Description = "Write sweep.csv only (plots take most of the time on large sweeps)." };
        var command = new Command("collect", "Write sweep.csv and plots of a sweep folder whose cells are all done.") { directory, noPlots };
        command.SetAction(parseResult =>
        {
            try
            {
                console.WriteLine($"combined CSV: {SweepCollector.Collect(parseResult.GetValue(directory)!, plots: !parseResult.GetValue(noPlots))}");
                return ExitCodes.Ok;
            }
            catch (SweepFolderException ex)
            {
                error.WriteLine($"sasg: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
