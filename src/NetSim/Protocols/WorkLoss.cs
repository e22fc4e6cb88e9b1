namespace Sasg.NetSim.Protocols;

/// <summary>Why a worker's turn was lost (<see cref="IProtocolPlan.Lost"/>).</summary>
public enum WorkLoss
{
    /// <summary>The worker went offline while it downloaded, computed or uploaded.</summary>
    Offline,

    /// <summary>The deadline round closed before its upload was in, and late uploads are dropped.</summary>
    Late,
}
