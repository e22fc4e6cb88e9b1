using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Sweeps;

/// <summary>The JSON files at the top of a sweep folder, as <see cref="SweepFolder"/> writes them.</summary>
internal static class SweepManifestJson
{
    /// <summary>manifest.json of a sweep: scenario name and hash, axes, and every cell with its learning group.</summary>
    public static string Manifest(Scenario scenario, string hash, IReadOnlyList<IReadOnlyList<Scenario>> groups)
    {
        var cells = groups
            .SelectMany(g => g.Select(c => (Cell: c, Group: g[0].Cell!.Id)))
            .OrderBy(c => c.Cell.Cell!.Index)
            .ToList();
        var manifest = new JObject
        {
            ["scenario"] = scenario.Name,
            ["scenarioHash"] = hash,
            ["axes"] = new JArray(scenario.Sweep!.Axes.Select(a => a.Path)),
            ["cells"] = new JArray(cells.Select(c => new JObject
            {
                ["index"] = c.Cell.Cell!.Index,
                ["id"] = c.Cell.Cell.Id,
                ["label"] = c.Cell.Cell.Label,
                ["values"] = new JObject(c.Cell.Cell.Values.Select(v => new JProperty(v.Key, v.Value.DeepClone()))),
                ["learningGroup"] = c.Group,
            })),
        };
        return Indented(manifest);
    }

    /// <summary><paramref name="value"/> indented, with LF line ends and a final newline.</summary>
    public static string Indented(JObject value)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, Culture = CultureInfo.InvariantCulture })
        {
            value.WriteTo(json);
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }
}
