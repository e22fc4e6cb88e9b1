using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Heterogeneity;

/// <summary>scenarios/lag-synthetic-linear-increasing.json with a loose target (|f - f*| &lt; 1e-4, reached by GD in
/// about 70 iterations) and a 300-iteration budget, so that one seed runs in about a second.</summary>
internal static class TinyHeterogeneity
{
    public static JObject Json(double @base = 1.3)
    {
        var json = JObject.Parse(File.ReadAllText(RepositoryPaths.InRoot("scenarios", "lag-synthetic-linear-increasing.json")));
        json.Remove("$schema");
        json["name"] = "tiny-heterogeneity";
        json["data"]!["base"] = @base;
        json["training"]!["iterations"] = 300;
        json["stop"] = JObject.Parse("""{ "objectiveError": 1e-4 }""");
        json["outputs"] = JObject.Parse("""{ "trace": false, "plots": false }""");
        return json;
    }

    public static Scenario Scenario(JObject? json = null) =>
        ScenarioLoader.Parse((json ?? Json()).ToString(), "tiny-heterogeneity.json", RepositoryPaths.Root);

    /// <summary>A scenario that loads but has no smoothness constants: an MLP on Fashion-MNIST.</summary>
    public static Scenario NonConvex() => ScenarioLoader.Parse(
        """
        { "name": "mlp", "data": { "source": "fashion-mnist", "workers": 2, "trainSamples": 20, "testSamples": 10 },
          "model": { "kind": "mlp", "hidden": [8] }, "training": { "iterations": 2, "stepSize": 0.1 },
          "stop": { "targetAccuracy": 0.5 }, "algorithms": [ { "name": "GD" } ] }
        """,
        "mlp.json",
        RepositoryPaths.Root);
}
