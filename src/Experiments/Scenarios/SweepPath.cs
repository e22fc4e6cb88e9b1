using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Scenarios;

/// <summary>A sweep axis path: a known scalar field ("network.uplink") or an algorithm parameter
/// ("algorithms[SASG].parameters.fraction", the algorithm picked by label, else name, or by index).</summary>
internal sealed partial class SweepPath
{
    private readonly string[] _segments;
    private readonly string? _algorithm;

    private SweepPath(string text, string[] segments, string? algorithm)
    {
        Text = text;
        _segments = segments;
        _algorithm = algorithm;
    }

    public string Text { get; }

    public static SweepPath? TryParse(string text)
    {
        if (ScenarioWords.SweepPaths.Contains(text))
        {
            return new SweepPath(text, text.Split('.'), null);
        }

        var match = AlgorithmParameter().Match(text);
        return match.Success ? new SweepPath(text, ["parameters", match.Groups[2].Value], match.Groups[1].Value) : null;
    }

    /// <summary>Sets the field to <paramref name="value"/> in <paramref name="root"/>, creating objects on the way;
    /// false when the named algorithm is not in the scenario.</summary>
    public bool Apply(JObject root, JToken value)
    {
        if (Container(root, create: true) is not { } container)
        {
            return false;
        }

        container[_segments[^1]] = value.DeepClone();
        return true;
    }

    /// <summary>The field's value in <paramref name="root"/>, or null when it is absent.</summary>
    public JToken? Get(JObject root) => Container(root, create: false)?[_segments[^1]];

    private JObject? Container(JObject root, bool create)
    {
        JObject? current = root;
        if (_algorithm is not null)
        {
            current = FindAlgorithm(root);
        }

        for (var i = 0; i < _segments.Length - 1 && current is not null; i++)
        {
            if (current[_segments[i]] is JObject next)
            {
                current = next;
            }
            else if (create && current[_segments[i]] is null)
            {
                next = [];
                current[_segments[i]] = next;
                current = next;
            }
            else
            {
                current = null;
            }
        }

        return current;
    }

    private JObject? FindAlgorithm(JObject root)
    {
        if (root["algorithms"] is not JArray algorithms)
        {
            return null;
        }

        if (int.TryParse(_algorithm, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return index < algorithms.Count ? algorithms[index] as JObject : null;
        }

        // A label names one algorithm; a bare name is accepted when exactly one algorithm has it.
        var byLabel = algorithms.OfType<JObject>().FirstOrDefault(item => Matches(item["label"] ?? item["name"]));
        var byName = algorithms.OfType<JObject>().Where(item => Matches(item["name"])).ToList();
        return byLabel ?? (byName.Count == 1 ? byName[0] : null);
    }

    private bool Matches(JToken? token) =>
        token is { Type: JTokenType.String } && string.Equals(token.Value<string>(), _algorithm, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^algorithms\[([^\]]+)\]\.parameters\.([A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex AlgorithmParameter();
}
