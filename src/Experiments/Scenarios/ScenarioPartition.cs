using Sasg.Learning.Partitioning;

namespace Sasg.Experiments.Scenarios;

/// <summary>How samples are split among workers (<c>data.partition</c>).</summary>
/// <param name="Kind">The partitioner; default iid.</param>
/// <param name="ClassesPerWorker">Classes each worker holds (label-skew only; otherwise null).</param>
/// <param name="Alpha">The Dirichlet concentration (dirichlet only; otherwise null).</param>
/// <param name="Remainder">What an equal split does with the samples that do not divide evenly; default spread.</param>
public sealed record ScenarioPartition(
    PartitionKind Kind,
    int? ClassesPerWorker,
    double? Alpha,
    RemainderPolicy Remainder)
{
    /// <summary>The default partition: iid, remainder spread.</summary>
    public static ScenarioPartition Default { get; } = new(PartitionKind.Iid, null, null, RemainderPolicy.Spread);
}
