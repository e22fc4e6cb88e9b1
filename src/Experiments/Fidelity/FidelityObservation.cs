namespace Sasg.Experiments.Fidelity;

/// <summary>One emulated iteration against the simulator: measured and simulated durations in nanoseconds.</summary>
/// <param name="Configuration">The emulated network.</param>
/// <param name="Pass">The pass over the plan (repetition).</param>
/// <param name="Planned">The planned iteration.</param>
/// <param name="Measured">The measured duration less <paramref name="Harness"/>: what the emulated network took.</param>
/// <param name="Simulated">The simulated duration under each variant, indexed by <see cref="LinkModelVariant"/>.</param>
/// <param name="Harness">What the emulator itself added to this iteration, measured in the same run
/// (<see cref="HarnessOverhead.For"/>); 0 when the run has no probes.</param>
public sealed record FidelityObservation(
    FidelityConfiguration Configuration, int Pass, PlannedIteration Planned, long Measured, IReadOnlyList<long> Simulated, long Harness = 0)
{
    /// <summary>The duration as the emulator measured it, harness included.</summary>
    public long RawMeasured => Measured + Harness;

    /// <summary>The relative error (simulated − measured) / measured of <paramref name="variant"/>. Every variant is
    /// compared with <see cref="Measured"/>, except <see cref="LinkModelVariant.WireMeasuredLatency"/>, whose latency
    /// already holds the emulator's overhead (half the ping RTT) and is compared with <see cref="RawMeasured"/>.</summary>
    public double Error(LinkModelVariant variant)
    {
        var measured = variant == LinkModelVariant.WireMeasuredLatency ? RawMeasured : Measured;
        return (Simulated[(int)variant] - measured) / (double)measured;
    }
}
