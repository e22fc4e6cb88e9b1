namespace Sasg.Experiments.Heterogeneity;

/// <summary>One method's communication to the target: uploads and iterations at the first evaluation that met it.</summary>
/// <param name="Label">The method's label (GD, LAG-WK, LAG-PS).</param>
/// <param name="Uploads">Uploads up to and including that evaluation (C), or null when the target was not reached.</param>
/// <param name="Iterations">The iteration of that evaluation, or null when the target was not reached.</param>
/// <param name="StopReason">Why the run ended ("objective", "loss", "accuracy", "iterations", "diverged").</param>
public sealed record UploadsToTarget(string Label, long? Uploads, int? Iterations, string StopReason)
{
    /// <summary>C of this method divided by <paramref name="baseline"/>'s, or NaN when either missed the target.</summary>
    public double RatioTo(UploadsToTarget baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return Uploads is { } c && baseline.Uploads is { } b && b > 0 ? c / (double)b : double.NaN;
    }
}
