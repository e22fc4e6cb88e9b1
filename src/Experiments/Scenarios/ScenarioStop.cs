namespace Sasg.Experiments.Scenarios;

/// <summary>Early-stop targets (<c>stop</c>): a run stops at the first target reached or at the training length.</summary>
/// <param name="ObjectiveError">Stop when |f - f*| is below this (linear, or logistic with lambda &gt; 0); null for none.</param>
/// <param name="TargetAccuracy">Stop when test (or training) accuracy reaches this, in (0, 1]; null for none.</param>
/// <param name="TargetLoss">Stop when the loss falls to this; null for none.</param>
/// <param name="AtTarget">Whether reaching the accuracy or loss target stops the run (default); false runs the whole
/// training length and only reports the rounds, bits and seconds to the target, as the SASG paper's Table II does.</param>
/// <param name="AccuracyMetric">Which accuracy <paramref name="TargetAccuracy"/> is compared with; default top-1.</param>
public sealed record ScenarioStop(
    double? ObjectiveError, double? TargetAccuracy, double? TargetLoss, bool AtTarget = true, AccuracyMetric AccuracyMetric = AccuracyMetric.Top1)
{
    /// <summary>No targets.</summary>
    public static ScenarioStop None { get; } = new(null, null, null);
}
