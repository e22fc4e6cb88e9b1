using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Tests.Scenarios;

/// <summary>Small scenario texts for tests: a minimal valid scenario, edited per test.</summary>
internal static class ScenarioText
{
    public const string File = "s.json";

    public static JObject Minimal() => JObject.Parse("""
        {
          "name": "t",
          "data": { "source": "lag-synthetic", "workers": 3 },
          "model": { "kind": "linear" },
          "training": { "iterations": 10, "stepSize": "1/L" },
          "algorithms": [ { "name": "GD" }, { "name": "LAG-WK" } ]
        }
        """);

    public static JObject Images() => JObject.Parse("""
        {
          "name": "img",
          "data": { "source": "fashion-mnist", "workers": 4 },
          "model": { "kind": "softmax" },
          "training": { "epochs": 1, "stepSize": 0.1 },
          "algorithms": [ { "name": "SGD" } ]
        }
        """);

    public static Scenario Parse(JObject json) => ScenarioLoader.Parse(json.ToString(), File, null);

    public static IReadOnlyList<string> Problems(JObject json) => Problems(json.ToString());

    public static IReadOnlyList<string> Problems(string json)
    {
        try
        {
            ScenarioLoader.Parse(json, File, null);
        }
        catch (ScenarioException exception)
        {
            return exception.Problems.Select(p => p.ToString()).ToArray();
        }

        return [];
    }
}
