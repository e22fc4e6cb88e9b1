using Sasg.Learning.Data;

namespace Sasg.Learning.Partitioning;

/// <summary>Decides which samples of which source dataset each worker holds.</summary>
/// <remarks>
/// Implementations are deterministic: the same sources, worker count and seed give the same partition on every run
/// and platform. Unless an implementation says otherwise, every sample lands in exactly one worker.
/// </remarks>
public interface IPartitioner
{
    /// <summary>A short name for reports and sub-stream names, for example "iid" or "dirichlet(0.5)".</summary>
    string Name { get; }

    /// <summary>Splits <paramref name="sources"/> over <paramref name="workerCount"/> workers.</summary>
    /// <param name="sources">The datasets to split; most partitioners take exactly one.</param>
    /// <param name="workerCount">The number of workers, at least 1.</param>
    /// <param name="seed">The seed of this partition's random stream (derive it from the scenario's master seed).</param>
    /// <exception cref="ArgumentException">The arguments cannot be honoured (for example more workers than samples); the message names the parameter.</exception>
    Partition Split(IReadOnlyList<Dataset> sources, int workerCount, ulong seed);
}
