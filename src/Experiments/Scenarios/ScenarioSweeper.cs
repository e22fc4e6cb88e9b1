namespace Sasg.Experiments.Scenarios;

/// <summary>Expands a scenario's sweep block into its cells.</summary>
internal static class ScenarioSweeper
{
    public static IEnumerable<Scenario> Expand(Scenario scenario) => throw new NotImplementedException(scenario.Name);
}
