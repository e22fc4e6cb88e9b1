using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>Splits the cells still to compute into array tasks: one training task per learning group that has no
/// finished cell (it trains the group's first such cell), and replay tasks of <c>cellsPerTask</c> cells each, grouped
/// by learning group so that a task reads few training runs.</summary>
internal static class SlurmTaskPlanner
{
    /// <summary>The wall time a task should take, by default.</summary>
    public static readonly TimeSpan TaskTarget = TimeSpan.FromMinutes(1);

    /// <summary>Replay cells per task so that a task runs for about <see cref="TaskTarget"/>: a replayed cell costs
    /// about 20 ms of writing its folder (docs/sweeps.md) plus 0.07 µs per worker-iteration of each method
    /// (7 ms for 100 workers x 1,000 iterations, docs/benchmarks.md).</summary>
    public static int DefaultCellsPerTask(IEnumerable<Scenario> cells)
    {
        var costliest = cells.Max(c => 0.020 + (7e-8 * c.Data.Workers * (c.Training.Iterations ?? 1000) * c.Algorithms.Count));
        return (int)Math.Clamp(Math.Floor(TaskTarget.TotalSeconds / costliest), 1, 100_000);
    }

    /// <summary>Tasks numbered from <paramref name="firstTask"/> for the cells <paramref name="todo"/>: training tasks
    /// first, then replay tasks. A group with a finished cell (<paramref name="doneGroups"/>) or a training task still
    /// queued (<paramref name="trainingGroups"/>) is not trained again.</summary>
    public static (List<SlurmTask> Training, List<SlurmTask> Replay) Plan(
        IReadOnlyList<SweepManifestCell> cells,
        IReadOnlySet<int> todo,
        IReadOnlySet<string> doneGroups,
        IReadOnlySet<string> trainingGroups,
        int cellsPerTask,
        int firstTask)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cellsPerTask, 1);
        var training = new List<SlurmTask>();
        var replays = new List<int>();
        foreach (var group in cells.Where(c => todo.Contains(c.Index)).GroupBy(c => c.LearningGroup, StringComparer.Ordinal))
        {
            var pending = group.Select(c => c.Index).ToList();
            if (!doneGroups.Contains(group.Key) && !trainingGroups.Contains(group.Key))
            {
                training.Add(new SlurmTask(firstTask + training.Count, true, [pending[0]]));
                pending.RemoveAt(0);
            }

            replays.AddRange(pending);
        }

        var next = firstTask + training.Count;
        var replay = replays.Chunk(cellsPerTask).Select((chunk, i) => new SlurmTask(next + i, false, chunk)).ToList();
        return (training, replay);
    }
}
