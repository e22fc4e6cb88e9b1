namespace Sasg.Learning.Partitioning;

/// <summary>One dataset, by name, and the workers that share it.</summary>
/// <param name="Source">The <see cref="Data.Dataset.Name"/> of the source dataset.</param>
/// <param name="Workers">The workers that hold it, in the order its contiguous pieces are handed out.</param>
public sealed record SourceAssignment(string Source, IReadOnlyList<int> Workers);
