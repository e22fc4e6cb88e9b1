using System.CommandLine;
using Sasg.Experiments.Sweeps.Slurm;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg sweep resubmit &lt;dir&gt; [--wait]</c>: submits the missing and failed cells of a cluster sweep
/// again, with the options of its first submission and the sasg already published into the folder.</summary>
internal static class SweepResubmitCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var directory = new Argument<string>("dir") { Description = "The sweep folder." };
        var wait = new Option<bool>("--wait") { Description = "Block, showing progress, until every cell has ended; then collect." };
        var command = new Command("resubmit", "Submit the missing and failed cells of a cluster sweep again.") { directory, wait };
        command.SetAction(parseResult =>
        {
            var folder = Path.GetFullPath(parseResult.GetValue(directory)!);
            return SweepSubmitter.LoadFolder(error, folder) is null
                ? ExitCodes.BadInput
                : SweepSubmitter.Submit(console, error, folder, null, parseResult.GetValue(wait), () =>
                {
                    SlurmSweep.RequireSbatch();
                    var program = Path.Combine(folder, "bin", "sasg");
                    // The cells of one sweep are computed by one build: the one published at the first submission.
                    return File.Exists(program) ? program : SweepPublisher.Ensure(folder, new AnsiConsoleWriter(console));
                });
        });
        return command;
    }
}
