using Sasg.Learning.Data;

namespace Sasg.Learning.Partitioning;

/// <summary>Conveniences over <see cref="IPartitioner"/>.</summary>
public static class PartitionerExtensions
{
    /// <summary>Splits one dataset over <paramref name="workerCount"/> workers.</summary>
    public static Partition Split(this IPartitioner partitioner, Dataset source, int workerCount, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(partitioner);
        return partitioner.Split([source], workerCount, seed);
    }
}
