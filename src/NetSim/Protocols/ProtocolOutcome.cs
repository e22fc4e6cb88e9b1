namespace Sasg.NetSim.Protocols;

/// <summary>How a protocol process ended.</summary>
public enum ProtocolOutcome
{
    /// <summary>The plan asked to stop (<see cref="IProtocolPlan.Update"/> returned false).</summary>
    Stopped,

    /// <summary>Nothing was left to happen: no worker will be online again, or every worker stopped.</summary>
    Exhausted,

    /// <summary>Deadline rounds: the stall limit of rounds in a row closed with nothing accepted.</summary>
    Stalled,
}
