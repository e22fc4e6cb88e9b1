namespace Sasg.Experiments.Fidelity;

/// <summary>A way of configuring the simulator's links for the emulated network, compared side by side.</summary>
public enum LinkModelVariant
{
    /// <summary>The payload-only model: a message costs its payload bytes only, at the nominal one-way latency.</summary>
    Payload,

    /// <summary>Wire bytes: an 8-byte application header and TCP/IPv4 framing at MTU 1500 (66 B per 1,448-B segment).</summary>
    Wire,

    /// <summary>Wire bytes, with the one-way latency taken as half the ping RTT measured on the emulated path.</summary>
    WireMeasuredLatency,

    /// <summary>A control that must fail: the wire model with every link 10 % slower than the emulated one.</summary>
    WireSlowLinks,

    /// <summary>A control that must fail: the wire model with twice the emulated one-way latency.</summary>
    WireDoubleLatency,
}
