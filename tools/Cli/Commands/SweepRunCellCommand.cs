using System.CommandLine;
using Sasg.Experiments.Sweeps;
using Sasg.Experiments.Sweeps.Slurm;
using Sasg.Learning.Data;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg sweep run-cell &lt;dir&gt; &lt;task&gt;</c>: what each Slurm array task runs; computes the task's
/// cells that are not done. Exit 0 done, 2 bad input, 1 internal error.</summary>
internal static class SweepRunCellCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error, DatasetLocator locator)
    {
        var directory = new Argument<string>("dir") { Description = "The sweep folder." };
        var task = new Argument<int>("task") { Description = "The task index (slurm/tasks.tsv)." };
        var command = new Command("run-cell", "Compute the cells of one task of a cluster sweep (run by the sbatch scripts).") { directory, task };
        command.SetAction(parseResult =>
        {
            try
            {
                return SlurmTaskRunner.Run(parseResult.GetValue(directory)!, parseResult.GetValue(task), new AnsiConsoleWriter(console), locator);
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
