namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>One cell's state in a cluster sweep.</summary>
/// <param name="Cell">The cell, as the manifest records it.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Detail">For a failed cell, why and the path of its task's log; else null.</param>
/// <param name="TrainingTask">Whether the task that last took it trains (else it replays, or it never had a task).</param>
/// <param name="JobId">The job id of the array that last took it, or null.</param>
public sealed record SweepCellStatus(SweepManifestCell Cell, SweepCellState State, string? Detail, bool TrainingTask, string? JobId);
