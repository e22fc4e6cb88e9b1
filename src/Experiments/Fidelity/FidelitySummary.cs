namespace Sasg.Experiments.Fidelity;

/// <summary>The error of one link-model variant on one emulated network and payload class.</summary>
/// <param name="Configuration">The emulated network.</param>
/// <param name="Variant">The link model.</param>
/// <param name="Class">The payload class of the iterations.</param>
/// <param name="Count">The number of iterations (all passes).</param>
/// <param name="MedianAbsoluteError">The median of |error|.</param>
/// <param name="P95AbsoluteError">The 95th percentile of |error| (linear interpolation between order statistics).</param>
/// <param name="MedianError">The median of the signed error (negative: the model is too fast).</param>
/// <param name="MaxAbsoluteError">The largest |error|.</param>
public sealed record FidelitySummary(
    FidelityConfiguration Configuration,
    LinkModelVariant Variant,
    PayloadClass Class,
    int Count,
    double MedianAbsoluteError,
    double P95AbsoluteError,
    double MedianError,
    double MaxAbsoluteError)
{
    /// <summary>The target for large payloads: median |error| at most 3 %.</summary>
    public const double MedianTarget = 0.03;

    /// <summary>The target for large payloads: p95 |error| at most 10 %.</summary>
    public const double P95Target = 0.10;

    /// <summary>Whether both targets hold.</summary>
    public bool MeetsTarget => MedianAbsoluteError <= MedianTarget && P95AbsoluteError <= P95Target;
}
