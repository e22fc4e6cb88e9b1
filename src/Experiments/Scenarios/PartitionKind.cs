namespace Sasg.Experiments.Scenarios;

/// <summary>How samples are split among workers (<c>data.partition.kind</c>).</summary>
public enum PartitionKind
{
    /// <summary>"iid": a seeded shuffle, then equal contiguous shards.</summary>
    Iid,

    /// <summary>"sorted-by-label": samples sorted by label, then contiguous shards (no randomness).</summary>
    SortedByLabel,

    /// <summary>"label-skew": each worker holds exactly <c>classesPerWorker</c> classes.</summary>
    LabelSkew,

    /// <summary>"dirichlet": per-class Dirichlet(<c>alpha</c>) proportions over workers.</summary>
    Dirichlet,
}
