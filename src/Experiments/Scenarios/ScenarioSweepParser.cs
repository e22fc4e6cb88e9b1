using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Scenarios;

/// <summary>Reads the <c>sweep</c> block: each path must name a scalar field (or an algorithm parameter) and each
/// value must be valid for it on its own (the base scenario with just that value changed).</summary>
internal static class ScenarioSweepParser
{
    public static ScenarioSweep? Parse(ScenarioJsonReader r, JObject root)
    {
        if (r.Object(root, "sweep", example: "{ \"network.uplink\": [\"100Mbps\", \"1Gbps\"] }") is not { } sweep)
        {
            return null;
        }

        var axes = new List<ScenarioSweepAxis>();
        if (!sweep.HasValues)
        {
            r.Report(ScenarioJsonReader.PathOf(sweep), "the sweep has no axes", "add one, for example \"network.uplink\": [\"100Mbps\", \"1Gbps\"], or remove \"sweep\"");
        }

        var baseProblems = r.Problems.ToHashSet();
        foreach (var property in sweep.Properties())
        {
            var path = SweepPath.TryParse(property.Name);
            if (path is null)
            {
                var suggestion = ScenarioWords.SweepPaths.MinBy(p => EditDistance.Of(p, property.Name));
                r.Report(
                    ScenarioJsonReader.PathOf(property.Value),
                    $"'{property.Name}' is not a field a sweep can vary",
                    suggestion is not null && EditDistance.Of(suggestion, property.Name) <= 2
                        ? $"did you mean '{suggestion}'?"
                        : "name a scalar field such as \"network.uplink\", \"data.workers\" or \"algorithms[SASG].parameters.fraction\" (see docs/scenario-format.md)");
                continue;
            }

            if (property.Value is not JArray { Count: > 0 } values)
            {
                r.Report(ScenarioJsonReader.PathOf(property.Value), $"expected a non-empty array of values, found {ScenarioJsonReader.Describe(property.Value)}", "write for example [\"100Mbps\", \"1Gbps\"]");
                continue;
            }

            if (!path.Apply((JObject)root.DeepClone(), values[0]))
            {
                r.Report(ScenarioJsonReader.PathOf(property.Value), $"'{property.Name}' names an algorithm the scenario does not list", "write the label (or name) of one of the scenario's algorithms inside the brackets");
                continue;
            }

            for (var i = 0; i < values.Count; i++)
            {
                foreach (var problem in CellProblems(r, root, path, values[i]).Where(p => !baseProblems.Contains(p)))
                {
                    r.Report(ScenarioJsonReader.PathOf(values[i]), $"value {ScenarioJsonReader.Describe(values[i])} is invalid: {problem.JsonPath}: {problem.Problem}", problem.Fix);
                }
            }

            axes.Add(new ScenarioSweepAxis(property.Name, values.Select(v => v.DeepClone()).ToArray()));
        }

        return axes.Count == 0 ? null : new ScenarioSweep(axes);
    }

    /// <summary>The problems of the base scenario with one sweep value applied (and the sweep block removed).</summary>
    private static List<ScenarioProblem> CellProblems(ScenarioJsonReader r, JObject root, SweepPath path, JToken value)
    {
        var cell = (JObject)root.DeepClone();
        cell.Remove("sweep");
        path.Apply(cell, value);
        var reader = new ScenarioJsonReader(r.File, r.BaseDirectory);
        ScenarioLoader.Read(reader, cell, validateSweep: false);
        return reader.Problems;
    }
}
