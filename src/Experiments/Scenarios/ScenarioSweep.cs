namespace Sasg.Experiments.Scenarios;

/// <summary>The sweep block: axes in file order; the cells are their cartesian product, last axis fastest.</summary>
/// <param name="Axes">The axes, in file order (at least one).</param>
public sealed record ScenarioSweep(IReadOnlyList<ScenarioSweepAxis> Axes)
{
    /// <summary>The number of cells (product of the axis lengths).</summary>
    public int CellCount => Axes.Aggregate(1, (product, axis) => checked(product * axis.Values.Count));
}
