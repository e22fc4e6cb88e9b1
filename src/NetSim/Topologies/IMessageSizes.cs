using Sasg.NetSim.Network;

namespace Sasg.NetSim.Topologies;

/// <summary>
/// The sizes of the messages a topology makes out of the workers' uploads, which only the caller can compute from the
/// uploads' contents: what an edge aggregator forwards when it merges its workers' uploads (a dense sum, or the union
/// of sparse entries, sized by the real wire encoding), the part of an upload that falls in one shard's slice of the
/// model, and a shard's slice of the broadcast model. NetSim asks after every worker of the round has been asked
/// <see cref="IRoundPlan.Decide"/>.
/// </summary>
/// <remarks>Shard s of S owns the parameters [floor(s·D/S), floor((s+1)·D/S)) of the D-parameter model.</remarks>
public interface IMessageSizes
{
    /// <summary>The payload bytes of the one message an aggregator forwards for the uploads of
    /// <paramref name="uploaders"/> (worker indices, ascending, at least one) in <paramref name="round"/>.</summary>
    DataSize Merged(int round, ReadOnlySpan<int> uploaders);

    /// <summary>The payload bytes of the part of <paramref name="worker"/>'s upload in <paramref name="round"/> that
    /// falls in the slice of <paramref name="shard"/> (of <paramref name="shards"/> contiguous slices); zero when none of
    /// its entries does.</summary>
    DataSize Slice(int round, int worker, int shard, int shards);

    /// <summary>The payload bytes of the model slice <paramref name="shard"/> (of <paramref name="shards"/>) broadcasts.</summary>
    DataSize ModelSlice(int shard, int shards);
}
