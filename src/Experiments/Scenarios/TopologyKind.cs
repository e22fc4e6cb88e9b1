namespace Sasg.Experiments.Scenarios;

/// <summary>How the workers reach the model (<c>network.topology.kind</c>, issue 18).</summary>
public enum TopologyKind
{
    /// <summary>One server, every worker on its own link to it (the default).</summary>
    Star,

    /// <summary>Workers grouped under edge aggregators, each aggregator with its own links to the server.</summary>
    Hierarchical,

    /// <summary>S servers, each owning a contiguous slice of the model.</summary>
    Sharded,

    /// <summary>No server: a ring all-reduce (dense) or all-gather (sparse) over the workers' links.</summary>
    Ring,

    /// <summary>No server: a binary-tree all-reduce or all-gather over the workers' links.</summary>
    Tree,
}

/// <summary>How workers are assigned to the aggregators of a hierarchical topology.</summary>
public enum GroupAssignment
{
    /// <summary>Group 0 has the first workers in index order, group 1 the next, and so on.</summary>
    Contiguous,

    /// <summary>The workers are permuted by the seeded stream "topology/groups" before they are grouped.</summary>
    Seeded,
}

/// <summary>What an edge aggregator forwards to the server.</summary>
public enum ForwardMode
{
    /// <summary>One message: the dense sum, or the union of sparse entries, of its workers' uploads.</summary>
    Merged,

    /// <summary>Each upload as it is, when it is in.</summary>
    Each,
}
