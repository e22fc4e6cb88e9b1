namespace Sasg.Experiments.Fidelity;

/// <summary>What <see cref="FidelityValidation.Run"/> compared: every observation, their summaries, and each
/// configuration's measured harness overhead.</summary>
/// <param name="Observations">Every emulated iteration against every variant.</param>
/// <param name="Summaries">Per configuration, variant and payload class.</param>
/// <param name="Harness">Per configuration, what the emulator added per round trip in its run.</param>
/// <param name="Environments">Per configuration, the run's environment record as the report lists it (empty when not
/// given).</param>
public sealed record FidelityReport(
    IReadOnlyList<FidelityObservation> Observations,
    IReadOnlyList<FidelitySummary> Summaries,
    IReadOnlyDictionary<FidelityConfiguration, HarnessOverhead> Harness,
    IReadOnlyDictionary<FidelityConfiguration, IReadOnlyDictionary<string, string>>? Environments = null);
