namespace Sasg.Experiments.Scenarios;

/// <summary>The largest scenario the loader and the planner accept; docs/scenario-format.md ("Limits") lists them.</summary>
/// <remarks>Each bound turns a run that could not finish (or would exhaust memory before its first iteration) into a
/// one-line problem before anything large is allocated.</remarks>
public static class ScenarioLimits
{
    /// <summary>The largest scenario file in bytes (1 MiB); the largest shipped one is under 1.5 KB.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>The largest scenario.json of a results folder (16 MiB): the resolved scenario a run writes lists one
    /// compute speed per worker, about 12 bytes each, so M = 100,000 workers take more than a user's file may.</summary>
    public const long MaxResolvedFileBytes = 16L << 20;

    /// <summary>The most workers a scenario may have (<c>data.workers</c>).</summary>
    public const int MaxWorkers = 100_000;

    /// <summary>The most numbers the LAG synthetic data may hold: workers x samples x features (800 MB of doubles).</summary>
    public const long MaxSyntheticValues = 100_000_000;

    /// <summary>The most parameters a model may have (400 MB per copy in float32, 800 MB in float64).</summary>
    public const long MaxParameters = 100_000_000;
}
