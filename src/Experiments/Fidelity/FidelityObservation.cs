namespace Sasg.Experiments.Fidelity;

/// <summary>One emulated iteration against the simulator: measured and simulated durations in nanoseconds.</summary>
/// <param name="Configuration">The emulated network.</param>
/// <param name="Pass">The pass over the plan (repetition).</param>
/// <param name="Planned">The planned iteration.</param>
/// <param name="Measured">The measured duration.</param>
/// <param name="Simulated">The simulated duration under each variant, indexed by <see cref="LinkModelVariant"/>.</param>
public sealed record FidelityObservation(
    FidelityConfiguration Configuration, int Pass, PlannedIteration Planned, long Measured, IReadOnlyList<long> Simulated)
{
    /// <summary>The relative error (simulated − measured) / measured of <paramref name="variant"/>.</summary>
    public double Error(LinkModelVariant variant) => (Simulated[(int)variant] - Measured) / (double)Measured;
}
