namespace Sasg.Learning.Partitioning;

/// <summary>What an equal contiguous split does with the N mod M samples that do not divide evenly.</summary>
public enum RemainderPolicy
{
    /// <summary>The first N mod M shards get one sample more, so every sample lands in a shard.</summary>
    Spread,

    /// <summary>Every shard gets floor(N / M) samples and the last N mod M samples are dropped, as the LAG code does.</summary>
    Drop,
}
