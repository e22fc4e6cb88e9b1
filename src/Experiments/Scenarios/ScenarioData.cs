namespace Sasg.Experiments.Scenarios;

/// <summary>The dataset and its split among workers (<c>data</c>); exactly the part for <see cref="Source"/> is set.</summary>
/// <param name="Source">Where the data comes from.</param>
/// <param name="Workers">M, the number of workers (at least 1).</param>
/// <param name="Synthetic">The synthetic problem (lag-synthetic only).</param>
/// <param name="Uci">The UCI sets (lag-uci only).</param>
/// <param name="Images">Image options (fashion-mnist, mnist-json, mixed only).</param>
/// <param name="Table">The table file (csv, libsvm only).</param>
/// <param name="Partition">The partitioner (images and tables; null for the LAG sources, which fix their split).</param>
public sealed record ScenarioData(
    DataSource Source,
    int Workers,
    ScenarioSyntheticData? Synthetic,
    ScenarioUciData? Uci,
    ScenarioImageData? Images,
    ScenarioTableData? Table,
    ScenarioPartition? Partition)
{
    /// <summary>Whether the data has a held-out test set (images always; tables with a test fraction above 0).</summary>
    public bool HasTestSet => Images is not null || Table is { TestFraction: > 0 };
}
