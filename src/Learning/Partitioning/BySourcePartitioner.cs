using Sasg.Learning.Data;
using Sasg.Learning.Randomness;

namespace Sasg.Learning.Partitioning;

/// <summary>Mixes several datasets over the workers: worker w holds samples of source w mod S only.</summary>
/// <remarks>
/// With two sources, even workers hold the first (for example Fashion-MNIST) and odd workers the second (MNIST).
/// Each source is split among its own workers by the inner partitioner, with a seed derived from (seed, source number),
/// so adding a source does not change how the others are split among the same workers.
/// </remarks>
/// <param name="within">How each source is split among its workers; an <see cref="IidPartitioner"/> when null.</param>
public sealed class BySourcePartitioner(IPartitioner? within = null) : IPartitioner
{
    /// <summary>How each source is split among the workers that hold it.</summary>
    public IPartitioner Within { get; } = within ?? new IidPartitioner();

    /// <inheritdoc/>
    public string Name => $"by-source({Within.Name})";

    /// <inheritdoc/>
    public Partition Split(IReadOnlyList<Dataset> sources, int workerCount, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            throw new ArgumentException("By-source mixing needs at least one source.", nameof(sources));
        }

        if (workerCount < sources.Count)
        {
            throw new ArgumentException(
                $"workerCount is {workerCount}, fewer than the {sources.Count} sources; every source needs a worker.",
                nameof(workerCount));
        }

        var shards = new WorkerShard[workerCount];
        for (var s = 0; s < sources.Count; s++)
        {
            var workers = Enumerable.Range(0, workerCount).Where(w => w % sources.Count == s).ToArray();
            var inner = Within.Split([sources[s]], workers.Length, SeededRandom.Derive(seed, $"by-source/{s}"));
            for (var j = 0; j < workers.Length; j++)
            {
                shards[workers[j]] = new WorkerShard(workers[j], s, inner.Workers[j].Indices);
            }
        }

        return new Partition(sources, shards);
    }
}
