namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>One array task of a cluster sweep: <c>sasg sweep run-cell &lt;dir&gt; &lt;Index&gt;</c> computes its cells.</summary>
/// <param name="Index">The task's number in the sweep (unique across every submission of the folder).</param>
/// <param name="Training">Whether the task trains (one cell, the first of a learning group) or replays.</param>
/// <param name="Cells">The indices of its cells, in the order they run.</param>
public sealed record SlurmTask(int Index, bool Training, IReadOnlyList<int> Cells);
