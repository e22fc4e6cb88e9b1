namespace Sasg.Learning.Partitioning;

/// <summary>The samples one worker holds: indices into one source dataset.</summary>
public sealed class WorkerShard
{
    /// <summary>Creates the shard of <paramref name="worker"/>.</summary>
    public WorkerShard(int worker, int source, int[] indices)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(worker);
        ArgumentOutOfRangeException.ThrowIfNegative(source);
        ArgumentNullException.ThrowIfNull(indices);
        Worker = worker;
        Source = source;
        Indices = indices;
    }

    /// <summary>The worker's 0-based number.</summary>
    public int Worker { get; }

    /// <summary>The position in <see cref="Partition.Sources"/> of the dataset the indices refer to.</summary>
    public int Source { get; }

    /// <summary>Sample indices into the source dataset, in the order the worker holds them.</summary>
    public int[] Indices { get; }

    /// <summary>The number of samples the worker holds.</summary>
    public int Count => Indices.Length;
}
