using Sasg.NetSim.Kernel;

namespace Sasg.Experiments.Scenarios;

/// <summary>Capacity traces for the workers' links (<c>network.linkTraces</c>): with N files, worker w's link follows
/// file w mod N (N = M gives one per worker).</summary>
/// <param name="Uplink">The uplink trace files (absolute paths), or empty for fixed-rate uplinks.</param>
/// <param name="Downlink">The downlink trace files (absolute paths), or empty for fixed-rate downlinks.</param>
/// <param name="StartOffset">Where every trace is read from at time 0, or null for <c>"random"</c>: a seeded uniform
/// offset per worker and direction within the trace's length (stream <c>trace-offset/&lt;w&gt;</c>).</param>
public sealed record ScenarioLinkTraces(IReadOnlyList<string> Uplink, IReadOnlyList<string> Downlink, SimTime? StartOffset);
