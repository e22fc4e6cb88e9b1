using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Scenarios;

/// <summary>The topology of the simulated network (<c>network.topology</c>), with defaults applied. Only the fields of
/// <see cref="Kind"/> mean anything; the others keep their defaults (a field of another kind is accepted and ignored
/// in the file, so that a sweep over the kind works).</summary>
/// <param name="Kind">Star (default), hierarchical, sharded, ring or tree.</param>
public sealed record ScenarioTopology(TopologyKind Kind)
{
    /// <summary>The default: one server, every worker on its own link.</summary>
    public static ScenarioTopology Star { get; } = new(TopologyKind.Star);

    /// <summary>Hierarchical: the size of each group, in aggregator order (sums to M; each at least 1).</summary>
    public IReadOnlyList<int> GroupSizes { get; init; } = [];

    /// <summary>Hierarchical: contiguous groups, or a seeded permutation of the workers first.</summary>
    public GroupAssignment Assignment { get; init; }

    /// <summary>Hierarchical: whether an aggregator merges its workers' uploads into one message or forwards each.</summary>
    public ForwardMode Forward { get; init; }

    /// <summary>Hierarchical: every aggregator's link to the server; default <c>network.uplink</c>.</summary>
    public Bandwidth AggregatorUplink { get; init; } = Bandwidth.OneGigabitPerSecond;

    /// <summary>Hierarchical: every aggregator's link from the server; default <c>network.downlink</c>.</summary>
    public Bandwidth AggregatorDownlink { get; init; } = Bandwidth.OneGigabitPerSecond;

    /// <summary>Hierarchical: the one-way latency of the aggregators' links; default <c>network.latency</c>.</summary>
    public SimTime AggregatorLatency { get; init; } = SimTime.FromMicroseconds(50);

    /// <summary>Hierarchical: the rate at which an aggregator receives its workers' uploads; default
    /// <c>network.serverIngress</c>.</summary>
    public Bandwidth AggregatorIngress { get; init; } = Bandwidth.OneGigabitPerSecond;

    /// <summary>Sharded: the number of servers, S.</summary>
    public int Servers { get; init; } = 1;

    /// <summary>Sharded: each server's ingress; default <c>network.serverIngress</c>.</summary>
    public Bandwidth ServerIngress { get; init; } = Bandwidth.OneGigabitPerSecond;

    /// <summary>Whether there is no server (ring or tree).</summary>
    public bool IsCollective => Kind is TopologyKind.Ring or TopologyKind.Tree;

    /// <summary>Equal records: the group sizes compare by value.</summary>
    public bool Equals(ScenarioTopology? other) =>
        other is not null
        && Kind == other.Kind
        && GroupSizes.SequenceEqual(other.GroupSizes)
        && Assignment == other.Assignment
        && Forward == other.Forward
        && AggregatorUplink == other.AggregatorUplink
        && AggregatorDownlink == other.AggregatorDownlink
        && AggregatorLatency == other.AggregatorLatency
        && AggregatorIngress == other.AggregatorIngress
        && Servers == other.Servers
        && ServerIngress == other.ServerIngress;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, GroupSizes.Count, Assignment, Forward, Servers);

    /// <summary>G equal contiguous group sizes for <paramref name="workers"/> workers: sizes differing by at most one,
    /// the larger first.</summary>
    public static int[] EqualGroups(int workers, int groups)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, groups);
        var sizes = new int[groups];
        for (var g = 0; g < groups; g++)
        {
            sizes[g] = (workers / groups) + (g < workers % groups ? 1 : 0);
        }

        return sizes;
    }
}
