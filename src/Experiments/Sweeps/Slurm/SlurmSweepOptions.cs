namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>How a sweep's cells are submitted to Slurm: the resources each array task asks for and how cells are
/// batched into tasks. Unset fields are left to the site's defaults.</summary>
public sealed record SlurmSweepOptions
{
    /// <summary>The partition (<c>sbatch --partition</c>); null: the cluster's default partition.</summary>
    public string? Partition { get; init; }

    /// <summary>Each task's time limit (<c>sbatch --time</c>, for example <c>00:30:00</c>); null: the partition's.</summary>
    public string? Time { get; init; }

    /// <summary>CPUs per task (<c>sbatch --cpus-per-task</c>); null: the site's default (usually 1).</summary>
    public int? CpusPerTask { get; init; }

    /// <summary>Memory per node (<c>sbatch --mem</c>, for example <c>4G</c>); null: the site's default.</summary>
    public string? Memory { get; init; }

    /// <summary>The most tasks of one array running at once (the array's <c>%K</c>); null: no limit.</summary>
    public int? MaxConcurrent { get; init; }

    /// <summary>Replay cells per task; null: enough that a task runs for about a minute (see
    /// <see cref="SlurmTaskPlanner.DefaultCellsPerTask"/>).</summary>
    public int? CellsPerTask { get; init; }

    /// <summary>Further sbatch options, passed through as <c>#SBATCH</c> lines (for example <c>--account=proj</c>).</summary>
    public IReadOnlyList<string> SbatchArguments { get; init; } = [];
}
