using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Network;
using Sasg.NetSim.Topologies;

namespace Sasg.Experiments.Driver;

/// <summary>The round model a run uses (issue 18): the star, or a hierarchy, sharded servers or a collective, with
/// what each needs beyond the workers' star links (<see cref="RunPlan.Topology"/>).</summary>
/// <param name="Kind">The topology kind.</param>
public sealed record TopologyPlan(TopologyKind Kind)
{
    /// <summary>The default: the star of <see cref="RunPlan.Topology"/>, timed by the closed form.</summary>
    public static TopologyPlan Star { get; } = new(TopologyKind.Star);

    /// <summary>Hierarchical: the groups and the aggregators' links; null for the other kinds.</summary>
    public HierarchicalLayout? Layout { get; init; }

    /// <summary>Sharded: each server's ingress (S entries); empty for the other kinds.</summary>
    public IReadOnlyList<Bandwidth> ServerIngress { get; init; } = [];

    /// <summary>Whether the sizes of the messages this topology makes depend on the contents of sparse payloads (a
    /// hierarchy that merges, sharded servers), which recorded decisions do not hold.</summary>
    public bool SizesNeedPayloads => Kind == TopologyKind.Sharded || Layout is { Merge: true };

    /// <summary>The round model of a collective: all-gather for sparse payloads (top-k), all-reduce otherwise.</summary>
    public static CollectiveOperation OperationFor(bool sparsePayloads) =>
        sparsePayloads ? CollectiveOperation.AllGather : CollectiveOperation.AllReduce;
}
