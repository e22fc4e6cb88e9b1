namespace Sasg.NetSim.Topologies;

/// <summary>What a collective computes.</summary>
public enum CollectiveOperation
{
    /// <summary>The sum of equal-sized dense messages (the dense methods).</summary>
    AllReduce,

    /// <summary>Every worker receives every other worker's message as is (sparse top-k payloads).</summary>
    AllGather,
}
