using Sasg.NetSim.Network;

namespace Sasg.NetSim.Topologies;

/// <summary>
/// Workers grouped under edge aggregators: which aggregator each worker sends to, each aggregator's links to the
/// server and its own ingress from its workers, and whether it merges its workers' uploads into one message.
/// </summary>
/// <param name="GroupOf">For each worker, its aggregator (0..G−1; every aggregator has at least one worker).</param>
/// <param name="AggregatorUplinks">Each aggregator's link towards the server.</param>
/// <param name="AggregatorDownlinks">Each aggregator's link from the server.</param>
/// <param name="AggregatorIngress">The rate at which each aggregator receives its workers' uploads (under the
/// options' ingress policy, as the server does on a star).</param>
/// <param name="Merge">True: an aggregator forwards one message (<see cref="IMessageSizes.Merged"/>) once all its
/// workers have reported; false: it forwards each upload as is when it is in.</param>
public sealed record HierarchicalLayout(
    IReadOnlyList<int> GroupOf,
    IReadOnlyList<Link> AggregatorUplinks,
    IReadOnlyList<Link> AggregatorDownlinks,
    IReadOnlyList<Bandwidth> AggregatorIngress,
    bool Merge)
{
    /// <summary>The number of aggregators, G.</summary>
    public int GroupCount => AggregatorUplinks.Count;
}
