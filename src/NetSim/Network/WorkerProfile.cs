namespace Sasg.NetSim.Network;

/// <summary>One worker's row of a trace file: compute factor and both links.</summary>
/// <param name="Worker">The worker index, 0-based.</param>
/// <param name="ComputeFactor">The compute-time multiplier.</param>
/// <param name="Uplink">The link towards the server.</param>
/// <param name="Downlink">The link from the server.</param>
public sealed record WorkerProfile(int Worker, double ComputeFactor, Link Uplink, Link Downlink);
