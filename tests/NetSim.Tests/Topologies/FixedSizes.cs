using Sasg.NetSim.Network;
using Sasg.NetSim.Topologies;

namespace Sasg.NetSim.Tests.Topologies;

/// <summary>Message sizes from fixed rules: a merge is <c>merged</c> bytes (or per uploader), a slice is a table
/// entry, a model slice its share of the model; records what it was asked.</summary>
internal sealed class FixedSizes(
    long merged = 0, bool perUploader = false, Func<int, int, long>? slice = null, Func<int, int, long>? modelSlice = null) : IMessageSizes
{
    public List<int[]> MergedAsked { get; } = [];

    public DataSize Merged(int round, ReadOnlySpan<int> uploaders)
    {
        MergedAsked.Add(uploaders.ToArray());
        return DataSize.FromBytes(perUploader ? merged * uploaders.Length : merged);
    }

    public DataSize Slice(int round, int worker, int shard, int shards) =>
        DataSize.FromBytes(slice?.Invoke(worker, shard) ?? 0);

    public DataSize ModelSlice(int shard, int shards) => DataSize.FromBytes(modelSlice?.Invoke(shard, shards) ?? 0);
}
