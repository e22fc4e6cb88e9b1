using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Scenarios;

/// <summary>One worker's network overrides (<c>network.workers[i]</c>); a null value keeps the network default.</summary>
/// <param name="Worker">The worker index, in 0..M-1.</param>
/// <param name="Uplink">The worker's uplink bandwidth, or null.</param>
/// <param name="Downlink">The worker's downlink bandwidth, or null.</param>
/// <param name="Latency">The worker's one-way latency (both directions), or null.</param>
/// <param name="HeaderBytes">The worker's per-message overhead, or null.</param>
public sealed record ScenarioWorkerLink(
    int Worker,
    Bandwidth? Uplink,
    Bandwidth? Downlink,
    SimTime? Latency,
    DataSize? HeaderBytes);
