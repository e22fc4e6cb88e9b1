using System.CommandLine;
using System.Globalization;
using Sasg.Experiments.Sweeps;
using Sasg.Experiments.Sweeps.Slurm;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg sweep status &lt;dir&gt;</c>: how many cells of a sweep are done, running, pending, failed and
/// missing (from the folder and squeue), with each failed cell's reason and log.</summary>
internal static class SweepStatusCommand
{
    private const int MissingShown = 20;

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var directory = new Argument<string>("dir") { Description = "The sweep folder." };
        var command = new Command("status", "Cells done / running / pending / failed / missing of a sweep folder.") { directory };
        command.SetAction(parseResult =>
        {
            SweepStatusReport report;
            try
            {
                report = SlurmSweep.Status(parseResult.GetValue(directory)!);
            }
            catch (SweepFolderException ex)
            {
                error.WriteLine($"sasg: {ex.Message}");
                return ExitCodes.BadInput;
            }

            Summary(console, report);
            foreach (var cell in report.Cells.Where(c => c.State == SweepCellState.Failed))
            {
                console.WriteLine($"failed: {cell.Cell.Id} {cell.Cell.Label}: {cell.Detail}");
            }

            var missing = report.Cells.Where(c => c.State == SweepCellState.Missing).ToList();
            foreach (var cell in missing.Take(MissingShown))
            {
                console.WriteLine($"missing: {cell.Cell.Id} {cell.Cell.Label}");
            }

            if (missing.Count > MissingShown)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"missing: ... and {missing.Count - MissingShown} more"));
            }

            if (!report.QueueKnown)
            {
                console.WriteLine("squeue did not answer (not on PATH, or slurmctld is down): running and pending cells are counted as missing");
            }

            Advice(console, report, missing.Count + report.Count(SweepCellState.Failed));
            return ExitCodes.Ok;
        });
        return command;
    }

    // What to do next: a local sweep is resumed by running it again (resubmit is for Slurm sweeps only).
    private static void Advice(IAnsiConsole console, SweepStatusReport report, int toDo)
    {
        var done = report.Count(SweepCellState.Done) == report.Cells.Count;
        if (report.LockHolder is { } holder)
        {
            console.WriteLine($"in use: {holder} holds this folder{(report.Local && !done ? "; its cells appear as done one by one" : "")}");
        }
        else if (toDo > 0 && report.Local)
        {
            var scenario = report.ScenarioFile ?? "<scenario>";
            console.WriteLine($"resume: sasg sweep {scenario} --dir {report.Directory} (a local sweep: running it again does the cells not done)");
        }
        else if (toDo > 0 && report.QueueKnown)
        {
            console.WriteLine($"resubmit: sasg sweep resubmit {report.Directory}");
        }

        if (done && report.LockHolder is null)
        {
            console.WriteLine($"collect: sasg sweep collect {report.Directory}");
        }
    }

    /// <summary>The one-line count of cells by state.</summary>
    public static void Summary(IAnsiConsole console, SweepStatusReport report) =>
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{report.Cells.Count} cells: {report.Count(SweepCellState.Done)} done, {report.Count(SweepCellState.Running)} running, "
            + $"{report.Count(SweepCellState.Pending)} pending, {report.Count(SweepCellState.Failed)} failed, {report.Count(SweepCellState.Missing)} missing"));
}
