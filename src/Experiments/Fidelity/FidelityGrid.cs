namespace Sasg.Experiments.Fidelity;

/// <summary>What <c>sasg validate-network</c> measures: the networks, and how much of the decision logs each replays.</summary>
/// <param name="Configurations">The emulated networks, in order.</param>
/// <param name="Algorithms">The decision-log algorithms to replay, in order (empty: all, in order of appearance).</param>
/// <param name="IterationsPerAlgorithm">The most iterations taken from each algorithm's log.</param>
/// <param name="Passes">How many times each plan is replayed on the same network.</param>
/// <param name="BudgetNanoseconds">The estimated emulation time allowed per network (all passes).</param>
/// <param name="ReplicateWorkers">Whether a decision log with fewer workers than M is stretched to M: worker w replays
/// the decisions of worker w mod N (N = the log's workers); otherwise such a log is an error.</param>
public sealed record FidelityGrid(
    IReadOnlyList<FidelityConfiguration> Configurations,
    IReadOnlyList<string> Algorithms,
    int IterationsPerAlgorithm,
    int Passes,
    long BudgetNanoseconds,
    bool ReplicateWorkers = false)
{
    /// <summary>Every combination of the axes, workers outermost, then rate, latency and mode; all with persistent
    /// connections, or all with a new connection per upload.</summary>
    public static IReadOnlyList<FidelityConfiguration> Product(
        IEnumerable<int> workers,
        IEnumerable<NetSim.Network.Bandwidth> rates,
        IEnumerable<NetSim.Kernel.SimTime> latencies,
        IEnumerable<FidelityMode> modes,
        bool newConnection = false)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(latencies);
        ArgumentNullException.ThrowIfNull(modes);
        return [.. from m in workers from r in rates from l in latencies from mode in modes select new FidelityConfiguration(m, r, l, mode, newConnection)];
    }
}
