using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Results.Plots;

/// <summary>One method's rows of metrics.csv.</summary>
/// <param name="Label">The method's label.</param>
/// <param name="Rows">Its evaluation points in file (iteration) order.</param>
internal sealed record MethodMetrics(string Label, IReadOnlyList<MetricsRow> Rows)
{
    /// <summary>The rows grouped by method, methods in the order they first appear.</summary>
    public static IReadOnlyList<MethodMetrics> Group(IEnumerable<MetricsRow> rows) =>
        [.. rows.GroupBy(r => r.Algorithm, StringComparer.Ordinal).Select(g => new MethodMetrics(g.Key, [.. g]))];
}
