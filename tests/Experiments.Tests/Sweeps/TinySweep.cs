using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Sweeps;

/// <summary>scenarios/default.json at 60 iterations without a stop rule, swept over uplink x ingress x workers
/// (8 cells, 2 learning groups: one per worker count).</summary>
internal static class TinySweep
{
    public static JObject Json(int iterations = 60)
    {
        var json = JObject.Parse(File.ReadAllText(RepositoryPaths.InRoot("scenarios", "default.json")));
        json.Remove("$schema");
        json.Remove("stop");
        json["name"] = "tiny-sweep";
        json["training"]!["iterations"] = iterations;
        json["outputs"] = JObject.Parse("""{ "trace": false, "plots": false }""");
        json["sweep"] = JObject.Parse("""
            {
              "network.uplink": ["10Mbps", "1Gbps"],
              "network.ingress": ["sequential-push", "fair-share"],
              "data.workers": [3, 4]
            }
            """);
        return json;
    }

    public static Scenario Scenario(JObject? json = null) =>
        ScenarioLoader.Parse((json ?? Json()).ToString(), "tiny-sweep.json", RepositoryPaths.Root);
}
