namespace Sasg.NetSim.Topologies;

/// <summary>How the workers exchange their messages without a server.</summary>
public enum CollectiveKind
{
    /// <summary>A ring over the workers in index order (worker w sends to w + 1 mod N).</summary>
    Ring,

    /// <summary>A binary tree over the workers (worker w's children are 2w + 1 and 2w + 2): reduce or gather up to
    /// worker 0, then broadcast down.</summary>
    Tree,
}
