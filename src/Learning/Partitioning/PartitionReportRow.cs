namespace Sasg.Learning.Partitioning;

/// <summary>One worker's line of a <see cref="PartitionReport"/>.</summary>
/// <param name="Worker">The worker's number.</param>
/// <param name="Source">The name of the dataset its samples come from.</param>
/// <param name="Samples">How many samples it holds.</param>
/// <param name="LabelCounts">Samples per class 0..C-1, or null when the source has targets, not class labels.</param>
public sealed record PartitionReportRow(int Worker, string Source, int Samples, IReadOnlyList<int>? LabelCounts);
