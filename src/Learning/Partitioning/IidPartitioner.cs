using Sasg.Learning.Data;
using Sasg.Learning.Randomness;

namespace Sasg.Learning.Partitioning;

/// <summary>Independent, identically distributed shards: a seeded shuffle, then equal contiguous pieces.</summary>
/// <param name="remainder">What happens to the N mod M samples left over; by default they are spread.</param>
public sealed class IidPartitioner(RemainderPolicy remainder = RemainderPolicy.Spread) : IPartitioner
{
    /// <summary>What happens to the samples that do not divide evenly.</summary>
    public RemainderPolicy Remainder { get; } = remainder;

    /// <inheritdoc/>
    public string Name => "iid";

    /// <inheritdoc/>
    /// <remarks>With <see cref="RemainderPolicy.Drop"/> the last N mod M shuffled samples belong to no worker.</remarks>
    public Partition Split(IReadOnlyList<Dataset> sources, int workerCount, ulong seed)
    {
        var source = Shards.SingleSource(sources, workerCount, Name);
        var order = SeededRandom.Create(seed, Name).Permutation(source.Count);
        return Shards.Of(source, Shards.Contiguous(order, workerCount, Remainder));
    }
}
