using Newtonsoft.Json.Linq;
using Sasg.TestSupport;

namespace Sasg.Cli.Tests.Commands;

/// <summary>The default scenario as a two-cell sweep (uplink 10 Mbit/s and 1 Gbit/s), without stop rule, traces or
/// plots, written into a test's folder.</summary>
internal static class SweepScenarioFile
{
    /// <summary>Writes the sweep with <paramref name="iterations"/> iterations as <paramref name="name"/>; returns its path.</summary>
    public static string Write(TemporaryDirectory folder, int iterations, string name = "sweep.json")
    {
        var json = JObject.Parse(File.ReadAllText(RepositoryPaths.InRoot("scenarios", "default.json")));
        json.Remove("$schema");
        json.Remove("stop");
        json["training"]!["iterations"] = iterations;
        json["outputs"] = new JObject { ["trace"] = false, ["plots"] = false };
        json["sweep"] = new JObject { ["network.uplink"] = new JArray("10Mbps", "1Gbps") };
        return folder.WriteFile(name, json.ToString());
    }
}
