using System.Globalization;
using System.Text;

namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>Writes the readable, commented sbatch script of one job array of a sweep.</summary>
internal static class SbatchScript
{
    /// <summary>The script for array tasks 0..<paramref name="count"/>-1 running the sweep's tasks
    /// <paramref name="firstTask"/> onwards; <paramref name="dependencies"/> are job ids that must have ended first.</summary>
    public static string Text(
        SlurmSweepFolder folder,
        string scenarioName,
        string sasg,
        bool training,
        int firstTask,
        int count,
        IReadOnlyList<string> dependencies,
        SlurmSweepOptions options)
    {
        var s = new StringBuilder();
        void Line(string text) => s.Append(text).Append('\n');
        Line("#!/bin/bash");
        Line(training
            ? $"# Sweep '{scenarioName}': training runs, one per learning group (cells that differ only in network.* fields learn identically)."
            : $"# Sweep '{scenarioName}': network-only cells, replaying the decisions of their learning group's finished training run.");
        Line("# Written by 'sasg sweep --engine slurm'. Array task i runs the sweep's task FIRST_TASK + i; slurm/tasks.tsv lists each");
        Line("# task's cells (indices into manifest.json). A cell whose cells/<id>/done marker exists is skipped, and every file is");
        Line("# written to a temporary name then renamed, so a task can be cancelled, requeued or rerun at any moment.");
        if (dependencies.Count > 0)
        {
            Line("# afterany: starts once the training arrays have ended, whatever their outcome; a cell whose training did not finish");
            Line("# is left missing (see 'sasg sweep status') and 'sasg sweep resubmit' submits it again with its training.");
        }

        Line($"#SBATCH --job-name={folder.JobName(scenarioName)}");
        var limit = options.MaxConcurrent is { } k ? "%" + k.ToString(CultureInfo.InvariantCulture) : string.Empty;
        Line(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{count - 1}{limit}"));
        Line($"#SBATCH --output={Path.Combine(folder.Logs, "%A_%a.out")}");
        Line("#SBATCH --open-mode=append");
        if (dependencies.Count > 0)
        {
            Line($"#SBATCH --dependency=afterany:{string.Join(':', dependencies)}");
        }

        if (options.Partition is { } partition)
        {
            Line($"#SBATCH --partition={partition}");
        }

        if (options.Time is { } time)
        {
            Line($"#SBATCH --time={time}");
        }

        if (options.CpusPerTask is { } cpus)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={cpus}"));
        }

        if (options.Memory is { } memory)
        {
            Line($"#SBATCH --mem={memory}");
        }

        foreach (var argument in options.SbatchArguments)
        {
            Line($"#SBATCH {argument}");
        }

        Line(string.Empty);
        Line(string.Create(CultureInfo.InvariantCulture, $"FIRST_TASK={firstTask}"));
        Line("# The self-contained sasg published into the sweep folder: compute nodes need no .NET SDK.");
        Line($"exec {Quote(sasg)} sweep run-cell {Quote(folder.Directory)} \"$((FIRST_TASK + SLURM_ARRAY_TASK_ID))\"");
        return s.ToString();
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
