using System.Globalization;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;

namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>One array task of a cluster sweep (<c>sasg sweep run-cell &lt;dir&gt; &lt;task&gt;</c>): computes the
/// task's cells that are not done yet. Idempotent (a done cell is skipped) and atomic (a cell's files are written to
/// temporary names and renamed, its done marker last), so a task may be cancelled, requeued or rerun at any time.</summary>
public static class SlurmTaskRunner
{
    private const string Role = "sweep run-cell";

    /// <summary>Runs task <paramref name="task"/> of the sweep folder <paramref name="directory"/>, one line per cell
    /// to <paramref name="log"/>; returns 0 when every cell it could run is done, 2 when a cell's scenario is bad, 1 on
    /// an internal error. A failed cell's reason is recorded for <c>sasg sweep status</c>.</summary>
    /// <exception cref="SweepFolderException">The folder is not a sweep folder, holds another scenario, or has no such task.</exception>
    public static int Run(string directory, int task, TextWriter log, DatasetLocator? locator = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        var full = Path.GetFullPath(directory);
        var scenario = SlurmSweep.LoadScenario(full);
        var folder = SweepFolder.Attach(full, scenario);
        var slurm = new SlurmSweepFolder(full);
        var plan = slurm.ReadTasks().FindLast(t => t.Index == task)
            ?? throw new SweepFolderException(string.Create(
                CultureInfo.InvariantCulture, $"{full} has no task {task} (see slurm/tasks.tsv); give a task index that 'sasg sweep' planned"));
        var cells = scenario.Expand().ToList();
        var logPath = LogPath(slurm);
        var code = 0;
        var groupOf = SweepRunner.LearningGroups(cells)
            .SelectMany(g => g.Select(c => (c.Cell!.Index, Group: g)))
            .ToDictionary(x => x.Index, x => x.Group);
        foreach (var group in plan.Cells.GroupBy(i => groupOf[i][0].Cell!.Index))
        {
            var pending = group.Select(i => cells[i]).Where(c => !Skip(folder, c, log)).ToList();
            if (pending.Count == 0)
            {
                continue;
            }

            SweepGroupSource? source = null;
            if (!plan.Training)
            {
                if (groupOf[group.Key].FirstOrDefault(folder.IsDone) is not { } done)
                {
                    foreach (var cell in pending)
                    {
                        log.WriteLine($"cell {cell.Cell!.Index} {cell.Cell.Id} {cell.Cell.Label}: not run: no cell of its learning group is done (its training failed or was cancelled); 'sasg sweep resubmit {full}' runs both");
                    }

                    continue;
                }

                try
                {
                    source = SweepGroupSource.Read(folder.CellDirectory(done));
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or Newtonsoft.Json.JsonException)
                {
                    foreach (var cell in pending)
                    {
                        Fail(slurm, cell, log, $"internal error: cannot read its group's finished cell {done.Cell!.Id}: {ex.Message}; log {logPath}");
                    }

                    code = 1;
                    continue;
                }
            }

            RunPlan? groupPlan = null;
            foreach (var cell in pending)
            {
                code = Math.Max(code, RunCell(folder, slurm, cell, log, logPath, () => groupPlan ??= ScenarioPlanner.Plan(pending[0], locator), ref source));
            }
        }

        return code;
    }

    private static int RunCell(
        SweepFolder folder,
        SlurmSweepFolder slurm,
        Scenario cell,
        TextWriter log,
        string logPath,
        Func<RunPlan> plan,
        ref SweepGroupSource? source)
    {
        var info = cell.Cell!;
        slurm.ClearFailure(info.Id);
        try
        {
            SweepCellReport report;
            if (source is null)
            {
                source = SweepCells.Train(folder, cell, plan(), Role, out report);
            }
            else
            {
                report = SweepCells.Replay(folder, cell, plan(), source, Role);
            }

            log.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"cell {info.Index} {info.Id} {info.Label}: {(report.Replayed ? "replayed" : "trained")}, {report.Elapsed.TotalSeconds:0.00} s"));
            return 0;
        }
        catch (SweepFolderException ex)
        {
            // Another task (or a local sweep) writes this cell now: it is left to that process.
            Fail(slurm, cell, log, $"not run: {ex.Message}");
            return 1;
        }
        catch (ScenarioException ex)
        {
            var reason = string.Join("; ", ex.Problems.Select(p => p.ToString()));
            Fail(slurm, cell, log, $"bad input: {reason}; log {logPath}");
            return 2;
        }
#pragma warning disable CA1031 // A failed cell is recorded and the task goes on with its other cells.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            Fail(slurm, cell, log, $"internal error: {ex.GetType().Name}: {ex.Message}; log {logPath}");
            log.WriteLine(ex.ToString());
            return 1;
        }
    }

    private static void Fail(SlurmSweepFolder slurm, Scenario cell, TextWriter log, string reason)
    {
        log.WriteLine($"cell {cell.Cell!.Index} {cell.Cell.Id} {cell.Cell.Label}: failed: {reason}");
        slurm.WriteFailure(cell.Cell.Id, reason);
    }

    private static bool Skip(SweepFolder folder, Scenario cell, TextWriter log)
    {
        if (!folder.IsDone(cell))
        {
            return false;
        }

        log.WriteLine($"cell {cell.Cell!.Index} {cell.Cell.Id} {cell.Cell.Label}: already done, skipped");
        return true;
    }

    private static string LogPath(SlurmSweepFolder slurm)
    {
        var job = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID");
        var task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        return job is null || task is null ? "(not run by Slurm: see the command's output)" : Path.Combine(slurm.Logs, $"{job}_{task}.out");
    }
}
