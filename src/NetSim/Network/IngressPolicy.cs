namespace Sasg.NetSim.Network;

/// <summary>How the server's ingress takes concurrent uploads.</summary>
/// <remarks>See docs/netsim.md for which real protocol each policy models.</remarks>
public enum IngressPolicy
{
    /// <summary>Uploads queue at the server in arrival order and are received one at a time (the SASG paper's setting).</summary>
    SequentialPush,

    /// <summary>The server asks one worker at a time; each upload costs the request's latency plus the transfer.</summary>
    SequentialPull,

    /// <summary>Concurrent uploads share the ingress bandwidth max-min fairly, each capped by its own uplink (TCP push).</summary>
    FairShare,

    /// <summary>Only the uplinks limit uploads.</summary>
    Unlimited,
}
