using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Scenarios;

/// <summary>Expands a scenario's sweep block into its cells: the cartesian product of the axes in file order, last
/// axis fastest, each cell parsed and validated as a scenario of its own.</summary>
internal static class ScenarioSweeper
{
    /// <summary>The most cells a sweep traces by default: beyond it, a cell writes no trace unless the scenario sets
    /// <c>outputs.trace</c> (a trace costs more than the replay itself, and thousands of them fill a disk).</summary>
    public const int TracedCellLimit = 100;

    public static IEnumerable<Scenario> Expand(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Sweep is not { } sweep)
        {
            var key = Hash([]);
            return [scenario with { Cell = new ScenarioCell(0, key, string.Empty, [], key, 0, false) }];
        }

        var paths = sweep.Axes.Select(a => SweepPath.TryParse(a.Path)!).ToArray();
        var cells = new List<(Scenario Scenario, int[] Choice)>();
        var problems = new List<ScenarioProblem>();
        var choice = new int[sweep.Axes.Count];
        for (var index = 0; index < sweep.CellCount; index++)
        {
            var root = (JObject)scenario.Source.DeepClone();
            root.Remove("sweep");
            DefaultTrace(root, sweep);
            for (var a = 0; a < paths.Length; a++)
            {
                paths[a].Apply(root, sweep.Axes[a].Values[choice[a]]);
            }

            var reader = new ScenarioJsonReader(scenario.File, scenario.BaseDirectory);
            var cell = ScenarioLoader.Read(reader, root, validateSweep: false);
            var label = Label(sweep, choice);
            problems.AddRange(reader.Problems.Select(p => p with { Problem = $"in sweep cell {label}: {p.Problem}" }));
            if (cell is not null)
            {
                cells.Add((cell, (int[])choice.Clone()));
            }

            for (var a = choice.Length - 1; a >= 0; a--)
            {
                if (++choice[a] < sweep.Axes[a].Values.Count)
                {
                    break;
                }

                choice[a] = 0;
            }
        }

        if (problems.Count > 0)
        {
            throw new ScenarioException(problems);
        }

        return Describe(sweep, paths, cells);
    }

    // Beyond TracedCellLimit cells, traces are off unless the scenario says otherwise (an axis over outputs.trace,
    // applied after this, wins too).
    private static void DefaultTrace(JObject root, ScenarioSweep sweep)
    {
        if (sweep.CellCount <= TracedCellLimit)
        {
            return;
        }

        root["outputs"] ??= new JObject();
        if (root["outputs"] is JObject outputs && !outputs.ContainsKey("trace"))
        {
            outputs["trace"] = false;
        }
    }

    private static List<Scenario> Describe(ScenarioSweep sweep, SweepPath[] paths, List<(Scenario Scenario, int[] Choice)> cells)
    {
        var described = new List<(Scenario Scenario, string Id, string Label, string Key, KeyValuePair<string, JToken>[] Values)>();
        foreach (var (cell, choice) in cells)
        {
            var resolved = ScenarioWriter.Write(cell);
            var canonical = paths.Select((p, a) => $"{p.Text}={p.Get(resolved)?.ToString(Formatting.None) ?? "null"}").ToArray();
            // A cell whose decisions depend on time learns differently on every network: it is a learning group of its own.
            var timed = ScenarioTimeDependence.Of(cell) is not null;
            var learning = canonical.Where((_, a) => timed || !sweep.Axes[a].IsNetwork).ToArray();
            var values = sweep.Axes.Select((axis, a) => new KeyValuePair<string, JToken>(axis.Path, axis.Values[choice[a]].DeepClone())).ToArray();
            described.Add((cell, Hash(canonical), Label(sweep, choice), Hash(learning), values));
        }

        var result = new List<Scenario>();
        for (var i = 0; i < described.Count; i++)
        {
            var d = described[i];
            var first = described.FindIndex(other => other.Key == d.Key);
            var shared = described.Count(other => other.Key == d.Key) > 1;
            result.Add(d.Scenario with
            {
                BaseDirectory = d.Scenario.BaseDirectory,
                Cell = new ScenarioCell(i, d.Id, d.Label, d.Values, d.Key, first, shared),
            });
        }

        return result;
    }

    private static string Label(ScenarioSweep sweep, int[] choice) =>
        string.Join(',', sweep.Axes.Select((axis, a) =>
        {
            var value = axis.Values[choice[a]];
            return axis.ShortName + "=" + (value.Type == JTokenType.String ? value.Value<string>() : value.ToString(Formatting.None));
        }));

    private static string Hash(IEnumerable<string> lines)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines));
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
    }
}
