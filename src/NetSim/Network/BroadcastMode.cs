namespace Sasg.NetSim.Network;

/// <summary>How the server sends the model to every worker at the start of a round.</summary>
public enum BroadcastMode
{
    /// <summary>To all workers at once; each copy is limited only by its worker's downlink.</summary>
    Parallel,

    /// <summary>One worker after another, in worker order; the next send starts when the previous is serialized.</summary>
    Sequential,

    /// <summary>A binomial tree: every node holding the model forwards it; ceil(log2(M + 1)) steps.</summary>
    BinomialTree,
}
