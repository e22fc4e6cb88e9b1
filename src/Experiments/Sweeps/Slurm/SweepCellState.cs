namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>Where a cell of a cluster sweep stands.</summary>
public enum SweepCellState
{
    /// <summary>Its done marker exists: every file of it is complete.</summary>
    Done,

    /// <summary>The array task that computes it is running.</summary>
    Running,

    /// <summary>The array task that computes it is queued (waiting for resources or for the training array).</summary>
    Pending,

    /// <summary>Its task failed (an error in the cell, a time or memory limit, a node failure); the detail names the log.</summary>
    Failed,

    /// <summary>Not done and nothing queued will do it: never submitted, cancelled, or its training did not finish.</summary>
    Missing,
}
