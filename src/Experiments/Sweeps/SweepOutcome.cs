namespace Sasg.Experiments.Sweeps;

/// <summary>What one invocation of a sweep did.</summary>
/// <param name="Directory">The sweep folder (full path).</param>
/// <param name="Cells">The number of cells in the sweep.</param>
/// <param name="CellsRun">Cells computed by this invocation.</param>
/// <param name="CellsAlreadyDone">Cells found done on start and skipped.</param>
/// <param name="TrainingRuns">Learning runs done by this invocation (the other cells were replays).</param>
/// <param name="CsvPath">The combined CSV, <c>sweep.csv</c>.</param>
public sealed record SweepOutcome(string Directory, int Cells, int CellsRun, int CellsAlreadyDone, int TrainingRuns, string CsvPath);
