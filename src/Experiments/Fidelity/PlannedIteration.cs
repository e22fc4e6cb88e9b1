namespace Sasg.Experiments.Fidelity;

/// <summary>One iteration of a decision log, cut to M workers: each worker's upload bytes, or -1 when it skips.</summary>
/// <param name="Algorithm">The method whose log it comes from.</param>
/// <param name="Iteration">The iteration index k in that log.</param>
/// <param name="Sizes">Per worker: payload bytes uploaded, or -1 for a skip.</param>
public sealed record PlannedIteration(string Algorithm, int Iteration, IReadOnlyList<long> Sizes)
{
    /// <summary>The largest upload of the iteration in bytes (0 when every worker skips).</summary>
    public long MaxPayload => Sizes.Count == 0 ? 0 : Math.Max(0, Sizes.Max());

    /// <summary>The iteration's size class.</summary>
    public PayloadClass Class => MaxPayload switch
    {
        >= 163_840 => PayloadClass.Large,
        >= 32_768 => PayloadClass.Medium,
        _ => PayloadClass.Small,
    };
}
