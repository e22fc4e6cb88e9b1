namespace Sasg.NetSim.Network;

/// <summary>The caller's decisions: what each worker does in each round of a parameter-server run.</summary>
/// <remarks>
/// Called once per worker per round, in worker order, at the start of the round and before any of its timing is
/// known; rounds come in order, so an implementation may run a learning step for round r when asked about it.
/// </remarks>
public interface IRoundPlan
{
    /// <summary>What <paramref name="worker"/> does in <paramref name="round"/>.</summary>
    WorkerAction Decide(int round, int worker);
}
