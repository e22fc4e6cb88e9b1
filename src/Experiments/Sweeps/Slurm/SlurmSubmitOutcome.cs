namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>What one submission of a cluster sweep did.</summary>
/// <param name="Directory">The sweep folder (full path).</param>
/// <param name="Cells">The number of cells in the sweep.</param>
/// <param name="CellsSubmitted">Cells given to the new arrays (those missing or failed before).</param>
/// <param name="TrainingTasks">Tasks of the training arrays submitted now.</param>
/// <param name="ReplayTasks">Tasks of the replay arrays submitted now.</param>
/// <param name="CellsPerTask">Replay cells per task.</param>
/// <param name="Submissions">The job arrays submitted now, training first.</param>
public sealed record SlurmSubmitOutcome(
    string Directory, int Cells, int CellsSubmitted, int TrainingTasks, int ReplayTasks, int CellsPerTask, IReadOnlyList<SlurmSubmission> Submissions);
