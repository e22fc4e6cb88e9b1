using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Protocols;

/// <summary>What a protocol process did.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Updates">The server updates applied.</param>
/// <param name="EmptyRounds">Deadline rounds that closed with nothing to apply (0 for the free-running servers).</param>
/// <param name="End">The simulated time it ended.</param>
public sealed record ProtocolRunSummary(ProtocolOutcome Outcome, long Updates, long EmptyRounds, SimTime End);
