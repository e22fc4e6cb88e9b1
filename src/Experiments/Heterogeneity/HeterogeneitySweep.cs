using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;

namespace Sasg.Experiments.Heterogeneity;

/// <summary>The heterogeneity report repeated over the values of one data field, for a predicted-versus-measured
/// saving curve.</summary>
public static class HeterogeneitySweep
{
    /// <summary>Runs <see cref="HeterogeneityReport.Run"/> on <paramref name="scenario"/> with <paramref name="axis"/>
    /// set to each of <paramref name="values"/> in turn (for <see cref="HeterogeneityAxis.None"/>, once as written).</summary>
    /// <param name="scenario">A linear or logistic scenario with a stop target.</param>
    /// <param name="axis">The field to vary; <see cref="HeterogeneityAxis.Base"/> needs a lag-synthetic scenario.</param>
    /// <param name="values">The values: bases &gt; 0, or whole worker counts &gt;= 1.</param>
    /// <param name="seeds">The seeds run at every value.</param>
    /// <param name="locator">Finds installed datasets (default: <see cref="DatasetLocator.Default"/>).</param>
    /// <param name="progress">Told the value and the seed before each seed's runs, or null.</param>
    /// <param name="withinTheorem">Run every value inside the theorem's conditions (<see cref="HeterogeneityReport.Run"/>).</param>
    /// <exception cref="ScenarioException">The scenario, or the scenario at one of the values, cannot be used; the
    /// message names the field.</exception>
    public static IReadOnlyList<HeterogeneitySweepPoint> Run(
        Scenario scenario,
        HeterogeneityAxis axis,
        IReadOnlyList<double> values,
        IReadOnlyList<long> seeds,
        DatasetLocator? locator = null,
        Action<double, long>? progress = null,
        bool withinTheorem = false)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(values);
        if (axis == HeterogeneityAxis.None)
        {
            return [new HeterogeneitySweepPoint(double.NaN, HeterogeneityReport.Run(scenario, seeds, locator, s => progress?.Invoke(double.NaN, s), withinTheorem))];
        }

        if (values.Count == 0)
        {
            throw new ArgumentException("Give at least one value to sweep.", nameof(values));
        }

        // Every value is checked before the first (slow) run, so a typo in the last value fails at once.
        var cells = values.Select(v => (Value: v, Scenario: At(scenario, axis, v))).ToList();
        return cells
            .Select(c => new HeterogeneitySweepPoint(c.Value, HeterogeneityReport.Run(c.Scenario, seeds, locator, s => progress?.Invoke(c.Value, s), withinTheorem)))
            .ToList();
    }

    private static Scenario At(Scenario scenario, HeterogeneityAxis axis, double value)
    {
        if (axis == HeterogeneityAxis.Base)
        {
            return HeterogeneityScenarios.WithBase(scenario, value);
        }

        if (value != Math.Floor(value) || value < 1 || value > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A worker count must be a whole number of at least 1.");
        }

        return HeterogeneityScenarios.WithWorkers(scenario, (int)value);
    }
}
