using Sasg.Learning.Data;

namespace Sasg.Learning.Partitioning;

/// <summary>Non-iid shards: samples sorted by label (then by index), cut into equal contiguous pieces.</summary>
/// <remarks>
/// This is the non-iid setting of LASG (Chen et al., "LASG: Lazily aggregated stochastic gradients for
/// communication-efficient distributed learning", 2020): each worker sees one or a few classes. A dataset with targets
/// only is sorted by target value. The split is fully determined by the data; the seed is not used.
/// </remarks>
/// <param name="remainder">What happens to the N mod M samples left over; by default they are spread.</param>
public sealed class SortedByLabelPartitioner(RemainderPolicy remainder = RemainderPolicy.Spread) : IPartitioner
{
    /// <summary>What happens to the samples that do not divide evenly.</summary>
    public RemainderPolicy Remainder { get; } = remainder;

    /// <inheritdoc/>
    public string Name => "sorted-by-label";

    /// <inheritdoc/>
    public Partition Split(IReadOnlyList<Dataset> sources, int workerCount, ulong seed)
    {
        var source = Shards.SingleSource(sources, workerCount, Name);
        var order = Enumerable.Range(0, source.Count).ToArray();

        // OrderBy is a stable sort, so equal labels keep index order and the result is unique.
        order = source.Labels is { } labels
            ? order.OrderBy(i => labels[i]).ToArray()
            : order.OrderBy(i => source.Targets![i]).ToArray();
        return Shards.Of(source, Shards.Contiguous(order, workerCount, Remainder));
    }
}
