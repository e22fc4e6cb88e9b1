using Sasg.Learning.Data;

namespace Sasg.Learning.Partitioning;

/// <summary>Which samples each worker holds: per worker, one source dataset and indices into it.</summary>
public sealed class Partition
{
    /// <summary>Creates a partition after checking that worker numbers run 0, 1, ... and every index is in range.</summary>
    /// <exception cref="ArgumentException">A shard is out of order, names a missing source, or holds an index out of range.</exception>
    public Partition(IReadOnlyList<Dataset> sources, IReadOnlyList<WorkerShard> workers)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(workers);
        for (var w = 0; w < workers.Count; w++)
        {
            var shard = workers[w];
            if (shard.Worker != w)
            {
                throw new ArgumentException(
                    $"Shard {w} belongs to worker {shard.Worker}; shards must be in worker order.", nameof(workers));
            }

            if (shard.Source >= sources.Count)
            {
                throw new ArgumentException(
                    $"Worker {w} names source {shard.Source}, but there are {sources.Count}.", nameof(workers));
            }

            var count = sources[shard.Source].Count;
            foreach (var index in shard.Indices)
            {
                if ((uint)index >= (uint)count)
                {
                    throw new ArgumentException(
                        $"Worker {w} holds index {index}, outside 0..{count - 1} of '{sources[shard.Source].Name}'.",
                        nameof(workers));
                }
            }
        }

        Sources = sources.ToArray();
        Workers = workers.ToArray();
    }

    /// <summary>The datasets the shards index into.</summary>
    public IReadOnlyList<Dataset> Sources { get; }

    /// <summary>One shard per worker, in worker order.</summary>
    public IReadOnlyList<WorkerShard> Workers { get; }

    /// <summary>The number of workers.</summary>
    public int WorkerCount => Workers.Count;

    /// <summary>The dataset that worker <paramref name="worker"/>'s indices refer to.</summary>
    public Dataset SourceOf(int worker) => Sources[Workers[worker].Source];

    /// <summary>A new dataset of worker <paramref name="worker"/>'s samples, named "source/worker-N".</summary>
    public Dataset DatasetFor(int worker)
    {
        var source = SourceOf(worker);
        return source.Subset(Workers[worker].Indices, $"{source.Name}/worker-{worker}");
    }
}
