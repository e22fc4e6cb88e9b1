namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>Works out each cell's state from the sweep folder (done markers, failure records, tasks and submissions)
/// and one squeue call; it never expands the scenario, so it stays fast on sweeps of many thousand cells.</summary>
internal static class SweepStatusReader
{
    private static readonly HashSet<string> RunningStates = new(StringComparer.Ordinal)
    {
        "RUNNING", "COMPLETING", "CONFIGURING", "SUSPENDED", "STOPPED", "SIGNALING", "STAGE_OUT", "RESIZING",
    };

    private static readonly HashSet<string> PendingStates = new(StringComparer.Ordinal)
    {
        "PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD", "SPECIAL_EXIT",
    };

    public static SweepStatusReport Read(string directory, Func<string, Dictionary<string, string>?> queue)
    {
        var full = Path.GetFullPath(directory);
        var manifest = SweepFolder.ReadManifest(full);
        var cells = SweepManifestCell.From(manifest);
        var slurm = new SlurmSweepFolder(full);
        var failures = slurm.ReadFailures();
        var submissions = slurm.ReadSubmissions();
        var latest = new Dictionary<int, SlurmTask>();
        foreach (var task in slurm.ReadTasks())
        {
            foreach (var cell in task.Cells)
            {
                latest[cell] = task;
            }
        }

        var states = submissions.Count > 0 ? queue(slurm.JobName((string)manifest["scenario"]!)) : [];
        var report = new List<SweepCellStatus>(cells.Count);
        foreach (var cell in cells)
        {
            if (File.Exists(Path.Combine(full, "cells", cell.Id, SweepFolder.DoneMarker)))
            {
                report.Add(new SweepCellStatus(cell, SweepCellState.Done, null, false, null));
                continue;
            }

            failures.TryGetValue(cell.Id, out var failure);
            if (!latest.TryGetValue(cell.Index, out var task) || submissions.FindLast(s => s.Holds(task.Index)) is not { } submission)
            {
                report.Add(new SweepCellStatus(cell, failure is null ? SweepCellState.Missing : SweepCellState.Failed, failure, false, null));
                continue;
            }

            var arrayTask = submission.ArrayTask(task.Index);
            var log = slurm.LogOf(submission, task.Index);
            string? slurmState = null;
            states?.TryGetValue(arrayTask, out slurmState);
            var (state, detail) = slurmState switch
            {
                { } s when RunningStates.Contains(s) => (SweepCellState.Running, (string?)null),
                { } s when PendingStates.Contains(s) => (SweepCellState.Pending, null),
                _ when failure is not null => (SweepCellState.Failed, failure),
                null or "CANCELLED" or "COMPLETED" => (SweepCellState.Missing, null),
                { } s => (SweepCellState.Failed, $"task {arrayTask} ended {s}; log {log}"),
            };
            report.Add(new SweepCellStatus(cell, state, detail, task.Training, submission.JobId));
        }

        return new SweepStatusReport(full, report, submissions.Count == 0 || states is not null)
        {
            Local = submissions.Count == 0,
            ScenarioFile = SweepFolder.SourceFileOf(full),
            LockHolder = SweepFolder.LockHolder(full)?.Describe(),
        };
    }
}
