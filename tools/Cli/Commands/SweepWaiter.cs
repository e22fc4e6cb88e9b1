using System.Globalization;
using Sasg.Experiments.Sweeps;
using Sasg.Experiments.Sweeps.Slurm;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>--wait</c>: follows a cluster sweep from its folder and squeue, one line per cell as it is done, until
/// no cell is running or pending; then collects when every cell is done.</summary>
internal static class SweepWaiter
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(0.5);

    public static int Wait(IAnsiConsole console, TextWriter error, string folder)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var warned = false;
        SweepStatusReport report;
        while (true)
        {
            report = SlurmSweep.Status(folder);
            foreach (var cell in report.Cells.Where(c => c.State == SweepCellState.Done && seen.Add(c.Cell.Id)))
            {
                var marker = File.ReadAllText(Path.Combine(folder, "cells", cell.Cell.Id, "done")).Trim();
                console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"cell {cell.Cell.Index + 1}/{report.Cells.Count} {cell.Cell.Id} {cell.Cell.Label}: {marker[(marker.LastIndexOf(' ') + 1)..]}"));
            }

            if (!report.QueueKnown)
            {
                // slurmctld may be restarting; the sweep has not ended because squeue failed to answer.
                if (!warned)
                {
                    error.WriteLine("sasg: squeue does not answer; still waiting (Ctrl-C stops waiting, not the sweep)");
                    warned = true;
                }
            }
            else if (report.Ended)
            {
                break;
            }

            Thread.Sleep(Poll);
        }

        SweepStatusCommand.Summary(console, report);
        if (report.Count(SweepCellState.Done) < report.Cells.Count)
        {
            console.WriteLine($"not every cell is done: 'sasg sweep resubmit {folder}' submits the missing and failed ones");
            return ExitCodes.InternalError;
        }

        console.WriteLine($"combined CSV: {SweepCollector.Collect(folder)}");
        return ExitCodes.Ok;
    }
}
