using Sasg.Learning.Data;

namespace Sasg.Experiments.Sweeps;

/// <summary>How a sweep runs: how many learning groups at once and where datasets are found.</summary>
public sealed record SweepOptions
{
    /// <summary>The most learning groups trained at the same time; default one per core.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Where datasets are found (null: <see cref="DatasetLocator.Default"/>).</summary>
    public DatasetLocator? Locator { get; init; }

    /// <summary>Told one line when opening the folder took over a lock whose process is gone (null: not told).</summary>
    public Action<string>? Notice { get; init; }
}
