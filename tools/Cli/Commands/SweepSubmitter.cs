using System.Globalization;
using Sasg.Experiments.Scenarios;
using Sasg.Experiments.Sweeps;
using Sasg.Experiments.Sweeps.Slurm;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary>Submits a cluster sweep's missing and failed cells and either prints the job ids with the commands to
/// watch and collect, or (with --wait) follows the sweep to its end.</summary>
internal static class SweepSubmitter
{
    /// <summary>Runs <paramref name="prepare"/> (it returns the published sasg), submits, reports; an exit code.</summary>
    public static int Submit(IAnsiConsole console, TextWriter error, string folder, SlurmSweepOptions? options, bool wait, Func<string> prepare)
    {
        SlurmSubmitOutcome outcome;
        try
        {
            var sasg = prepare();
            outcome = SlurmSweep.Submit(folder, options, sasg);
        }
        catch (Exception ex) when (ex is SlurmException or SweepFolderException or SweepPublishException)
        {
            error.WriteLine($"sasg: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var arrays = string.Join(
            ", ",
            outcome.Submissions.Select(s => string.Create(CultureInfo.InvariantCulture, $"job {s.JobId} ({s.Count} {(s.Training ? "training" : "replay")} tasks)")));
        console.WriteLine(outcome.CellsSubmitted == 0
            ? $"nothing to submit: every cell is done, running or pending ('sasg sweep status {folder}')"
            : string.Create(
                CultureInfo.InvariantCulture,
                $"submitted {outcome.CellsSubmitted} of {outcome.Cells} cells: {outcome.TrainingTasks} training tasks, {outcome.ReplayTasks} replay tasks of up to {outcome.CellsPerTask} cells; {arrays}"));
        if (wait)
        {
            return SweepWaiter.Wait(console, error, folder);
        }

        console.WriteLine($"watch:   sasg sweep status {folder}");
        console.WriteLine($"collect: sasg sweep collect {folder}  (once every cell is done)");
        return ExitCodes.Ok;
    }

    /// <summary>The sweep folder's scenario, for a subcommand given only the folder; null after one line on error.</summary>
    public static Scenario? LoadFolder(TextWriter error, string folder)
    {
        try
        {
            return SlurmSweep.LoadScenario(Path.GetFullPath(folder));
        }
        catch (SweepFolderException ex)
        {
            error.WriteLine($"sasg: {ex.Message}");
            return null;
        }
    }
}
