namespace Sasg.Experiments.Heterogeneity;

/// <summary>The verdict rule: a measured ratio r = C_LAG / C_GD against the bound b = 1 - DeltaC.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>violated: r &gt; b + <see cref="Tolerance"/>;</item>
/// <item>tight: b - <see cref="TightFraction"/> b &lt;= r &lt;= b + <see cref="Tolerance"/> (within 10% of the bound);</item>
/// <item>loose: r &lt; 0.9 b;</item>
/// <item>not reached: r is not a number (a method missed the target).</item>
/// </list>
/// The tolerance only absorbs rounding: upload counts are whole numbers, so r = b = 1 exactly is "tight", never
/// "violated".
/// </remarks>
public static class BoundVerdicts
{
    /// <summary>How far (absolute) a ratio may exceed the bound before it counts as violated: 1e-9.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>How far below the bound, as a fraction of it, a ratio still counts as tight: 0.1.</summary>
    public const double TightFraction = 0.1;

    /// <summary>The verdict on <paramref name="ratio"/> (C_LAG / C_GD, NaN when not measured) against
    /// <paramref name="bound"/> (1 - DeltaC).</summary>
    public static BoundVerdict Judge(double ratio, double bound) =>
        double.IsNaN(ratio) ? BoundVerdict.NotReached
        : ratio > bound + Tolerance ? BoundVerdict.Violated
        : ratio >= bound - (TightFraction * bound) ? BoundVerdict.Tight
        : BoundVerdict.Loose;

    /// <summary>The verdict as the CSV and the table write it: "violated", "tight", "loose" or "not reached".</summary>
    public static string Text(BoundVerdict verdict) => verdict switch
    {
        BoundVerdict.Violated => "violated",
        BoundVerdict.Tight => "tight",
        BoundVerdict.Loose => "loose",
        _ => "not reached",
    };
}
