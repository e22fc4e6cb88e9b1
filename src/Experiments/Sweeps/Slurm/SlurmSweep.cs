using System.Globalization;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>Runs a sweep on a Slurm cluster as job arrays: the training runs (one per learning group) as one array,
/// the network-only cells, which replay a training run's decisions, as a second array that starts once the first has
/// ended (a Slurm dependency, no polling). Every task runs <c>sasg sweep run-cell &lt;dir&gt; &lt;task&gt;</c>
/// (<see cref="SlurmTaskRunner"/>); the folder layout is the local engine's, so the combined CSV is the same.</summary>
/// <remarks>docs/cluster.md describes the layout, the commands and a run on a real cluster.</remarks>
public static class SlurmSweep
{
    /// <summary>The most tasks in one array (Slurm's default MaxArraySize is 1001: indices 0 to 1000); more tasks
    /// are split over several arrays.</summary>
    public const int MaxArrayTasks = 1000;

    /// <summary>Checks that sbatch is on PATH and <paramref name="directory"/> can be written, then creates (or
    /// reopens) the sweep folder for <paramref name="scenario"/>: manifest.json and scenario.json first.</summary>
    /// <exception cref="SlurmException">sbatch is not on PATH.</exception>
    /// <exception cref="SweepFolderException">The folder cannot be written or belongs to another scenario.</exception>
    public static void Prepare(Scenario scenario, string directory)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        SlurmClient.Require("sbatch");
        var cells = scenario.Expand().ToList();
        if (new SlurmSweepFolder(directory).HasSubmissions)
        {
            // Tasks may be running: attach without deleting anything.
            SweepFolder.Attach(directory, scenario);
        }
        else
        {
            using var folder = SweepFolder.Open(directory, scenario, SweepRunner.LearningGroups(cells), "sweep --engine slurm");
        }
    }

    /// <summary>Submits every cell of the sweep folder <paramref name="directory"/> that is missing or failed (all of
    /// them the first time) with <paramref name="options"/> (null: those of the first submission), running the
    /// published program <paramref name="sasg"/>.</summary>
    /// <exception cref="SlurmException">sbatch is missing or refused a script.</exception>
    /// <exception cref="SweepFolderException">The folder is not a sweep folder, holds another scenario, or another live
    /// process holds its lock (a local sweep, or another submission).</exception>
    public static SlurmSubmitOutcome Submit(string directory, SlurmSweepOptions? options, string sasg)
    {
        var full = Path.GetFullPath(directory);
        SlurmClient.Require("sbatch");
        var scenario = LoadScenario(full);
        var folder = SweepFolder.Attach(full, scenario);
        using var submitting = SweepFolder.LockFolder(full, "sweep submission");
        var slurm = new SlurmSweepFolder(full);
        if (options is null)
        {
            options = slurm.ReadOptions();
        }
        else
        {
            slurm.WriteOptions(options);
        }

        var status = Status(full);
        var todo = status.Cells.Where(c => c.State is SweepCellState.Missing or SweepCellState.Failed).Select(c => c.Cell.Index).ToHashSet();
        var cells = scenario.Expand().ToList();
        var cellsPerTask = options.CellsPerTask ?? SlurmTaskPlanner.DefaultCellsPerTask(cells);
        if (todo.Count == 0)
        {
            return new SlurmSubmitOutcome(full, cells.Count, 0, 0, 0, cellsPerTask, []);
        }

        var doneGroups = status.Cells.Where(c => c.State == SweepCellState.Done).Select(c => c.Cell.LearningGroup).ToHashSet(StringComparer.Ordinal);
        var inFlight = status.Cells.Where(c => c.TrainingTask && c.State is SweepCellState.Running or SweepCellState.Pending).ToList();
        var trainingGroups = inFlight.Select(c => c.Cell.LearningGroup).ToHashSet(StringComparer.Ordinal);
        foreach (var index in todo)
        {
            // A cell another process holds is left to it; its new task finds it done, or its lock gone.
            folder.DiscardIncompleteUnlocked(cells[index]);
            slurm.ClearFailure(cells[index].Cell!.Id);
        }

        var tasks = slurm.ReadTasks();
        var firstTask = tasks.Count == 0 ? 0 : tasks.Max(t => t.Index) + 1;
        var manifestCells = status.Cells.Select(c => c.Cell).ToList();
        var (training, replay) = SlurmTaskPlanner.Plan(manifestCells, todo, doneGroups, trainingGroups, cellsPerTask, firstTask);
        slurm.AppendTasks(training.Concat(replay));
        Directory.CreateDirectory(slurm.Logs);
        var submissions = new List<SlurmSubmission>();
        foreach (var chunk in training.Chunk(MaxArrayTasks))
        {
            submissions.Add(SubmitArray(slurm, scenario.Name, sasg, true, chunk, [], options));
        }

        var dependencies = submissions.Select(s => s.JobId).Concat(inFlight.Select(c => c.JobId!)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in replay.Chunk(MaxArrayTasks))
        {
            submissions.Add(SubmitArray(slurm, scenario.Name, sasg, false, chunk, dependencies, options));
        }

        return new SlurmSubmitOutcome(full, cells.Count, todo.Count, training.Count, replay.Count, cellsPerTask, submissions);
    }

    /// <summary>Checks that sbatch is on PATH.</summary>
    /// <exception cref="SlurmException">It is not.</exception>
    public static void RequireSbatch() => SlurmClient.Require("sbatch");

    /// <summary>Every cell's state, from the sweep folder and squeue.</summary>
    /// <exception cref="SweepFolderException">The folder is not a sweep folder.</exception>
    public static SweepStatusReport Status(string directory) => SweepStatusReader.Read(directory, SlurmClient.Queue);

    /// <summary>The resolved scenario a sweep folder holds.</summary>
    /// <exception cref="SweepFolderException">The folder is not a sweep folder.</exception>
    public static Scenario LoadScenario(string directory) => SweepFolder.LoadScenario(directory);

    private static SlurmSubmission SubmitArray(
        SlurmSweepFolder slurm, string name, string sasg, bool training, SlurmTask[] tasks, IReadOnlyList<string> dependencies, SlurmSweepOptions options)
    {
        var first = tasks[0].Index;
        var script = Path.Combine("slurm", string.Create(CultureInfo.InvariantCulture, $"array-{first}-{(training ? "train" : "replay")}.sbatch"));
        var path = Path.Combine(slurm.Directory, script);
        AtomicFile.WriteAllText(path, SbatchScript.Text(slurm, name, sasg, training, first, tasks.Length, dependencies, options));
        var submission = new SlurmSubmission(SlurmClient.Submit(path), training, first, tasks.Length, script);
        slurm.AppendSubmission(submission);
        return submission;
    }
}
