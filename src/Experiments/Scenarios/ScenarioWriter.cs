using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Scenarios;

/// <summary>Writes a scenario with every resolved value as JSON the loader reads back to an equal scenario.</summary>
internal static class ScenarioWriter
{
    public static JObject Write(Scenario scenario) => throw new NotImplementedException(scenario.Name);
}
