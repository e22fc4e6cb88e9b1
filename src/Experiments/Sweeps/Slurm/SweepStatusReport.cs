namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>The state of every cell of a cluster sweep, from its folder and squeue.</summary>
/// <param name="Directory">The sweep folder.</param>
/// <param name="Cells">Every cell, in index order.</param>
/// <param name="QueueKnown">Whether squeue answered (else running and pending cells count as missing).</param>
public sealed record SweepStatusReport(string Directory, IReadOnlyList<SweepCellStatus> Cells, bool QueueKnown)
{
    /// <summary>How many cells are in <paramref name="state"/>.</summary>
    public int Count(SweepCellState state) => Cells.Count(c => c.State == state);

    /// <summary>Whether no cell is running or pending.</summary>
    public bool Ended => Cells.All(c => c.State is not (SweepCellState.Running or SweepCellState.Pending));
}
