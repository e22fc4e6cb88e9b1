namespace Sasg.Experiments.Heterogeneity;

/// <summary>The verdict rule: a measured ratio r = C_LAG / C_GD against the bound b = 1 - DeltaC, for a run inside or
/// outside the theorem's conditions (<see cref="LagTheorem"/>).</summary>
/// <remarks>
/// <list type="bullet">
/// <item>outside: the run does not meet the conditions (whatever r is);</item>
/// <item>not reached: inside, but r is not a number (a method missed the target);</item>
/// <item>violated: inside and r &gt; b + <see cref="Tolerance"/>;</item>
/// <item>holds: inside and r &lt;= b + <see cref="Tolerance"/>.</item>
/// </list>
/// The tolerance only absorbs rounding: upload counts are whole numbers, so r = b = 1 exactly holds.
/// </remarks>
public static class BoundVerdicts
{
    /// <summary>How far (absolute) a ratio may exceed the bound before it counts as violated: 1e-9.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>The verdict on <paramref name="ratio"/> (C_LAG / C_GD, NaN when not measured) against
    /// <paramref name="bound"/> (1 - DeltaC) for a run whose conditions are <paramref name="check"/>.</summary>
    public static BoundVerdict Judge(double ratio, double bound, TheoremCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return !check.IsInside ? BoundVerdict.Outside
            : double.IsNaN(ratio) ? BoundVerdict.NotReached
            : ratio > bound + Tolerance ? BoundVerdict.Violated
            : BoundVerdict.Holds;
    }

    /// <summary>The verdict as the CSV and the table write it: "violated", "holds", "outside" or "not reached".</summary>
    public static string Text(BoundVerdict verdict) => verdict switch
    {
        BoundVerdict.Violated => "violated",
        BoundVerdict.Holds => "holds",
        BoundVerdict.Outside => "outside",
        _ => "not reached",
    };
}
