namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>The state of every cell of a sweep, from its folder and (for a cluster sweep) squeue.</summary>
/// <param name="Directory">The sweep folder.</param>
/// <param name="Cells">Every cell, in index order.</param>
/// <param name="QueueKnown">Whether squeue answered (else running and pending cells count as missing).</param>
public sealed record SweepStatusReport(string Directory, IReadOnlyList<SweepCellStatus> Cells, bool QueueKnown)
{
    /// <summary>Whether nothing was ever submitted to Slurm from this folder: a sweep of the local engine.</summary>
    public bool Local { get; init; }

    /// <summary>The scenario file the sweep was started with, as it was given (null for folders written before
    /// scenario-source.json existed).</summary>
    public string? ScenarioFile { get; init; }

    /// <summary>Who holds the folder's lock now ("sweep PID 1234 on host X since ..."), or null when no one does.</summary>
    public string? LockHolder { get; init; }

    /// <summary>How many cells are in <paramref name="state"/>.</summary>
    public int Count(SweepCellState state) => Cells.Count(c => c.State == state);

    /// <summary>Whether no cell is running or pending.</summary>
    public bool Ended => Cells.All(c => c.State is not (SweepCellState.Running or SweepCellState.Pending));
}
