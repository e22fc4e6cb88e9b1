namespace Sasg.Experiments.Fidelity;

/// <summary>The verdict of <see cref="FidelityGate.Evaluate"/>.</summary>
/// <param name="Lines">One line per large-payload configuration, then one on the wrong models.</param>
/// <param name="TargetMet">Whether every large-payload configuration met the target (false when there is none).</param>
/// <param name="ControlsNotRejected">Wrong models that met the target everywhere: the gate could not tell them apart.</param>
public sealed record FidelityGateResult(IReadOnlyList<string> Lines, bool TargetMet, IReadOnlyList<LinkModelVariant> ControlsNotRejected);
