using Sasg.Learning.Data;

namespace Sasg.Learning.Tests.Partitioning;

/// <summary>Small in-memory datasets for the partitioner tests.</summary>
internal static class TinyData
{
    /// <summary>A classification set whose sample i has feature i and label labelOf(i).</summary>
    public static Dataset Labelled(string name, int count, int classCount, Func<int, int> labelOf) =>
        new(
            name,
            count,
            [1],
            Enumerable.Range(0, count).Select(i => (double)i).ToArray(),
            Enumerable.Range(0, count).Select(labelOf).ToArray(),
            classCount,
            null);

    /// <summary>A balanced classification set: sample i has label i mod classCount.</summary>
    public static Dataset Balanced(string name, int count, int classCount = 10) =>
        Labelled(name, count, classCount, i => i % classCount);

    /// <summary>A regression set whose sample i has target targetOf(i).</summary>
    public static Dataset Regression(string name, int count, Func<int, double>? targetOf = null) =>
        new(
            name,
            count,
            [1],
            Enumerable.Range(0, count).Select(i => (double)i).ToArray(),
            null,
            0,
            Enumerable.Range(0, count).Select(targetOf ?? (i => (double)i)).ToArray());

    /// <summary>How many times each (source, index) pair appears across all workers.</summary>
    public static Dictionary<(int Source, int Index), int> Assignments(Sasg.Learning.Partitioning.Partition partition) =>
        partition.Workers
            .SelectMany(shard => shard.Indices.Select(index => (shard.Source, index)))
            .CountBy(pair => pair)
            .ToDictionary(pair => pair.Key, pair => pair.Value);
}
