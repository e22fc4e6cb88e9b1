using Sasg.Experiments.Scenarios;

namespace Sasg.Cli;

/// <summary>The default scenario compiled into the program (scenarios/default.json).</summary>
internal static class EmbeddedScenario
{
    /// <summary>The file name errors and results name for the embedded scenario.</summary>
    public const string FileName = "(embedded) scenarios/default.json";

    /// <summary>The parsed default scenario.</summary>
    public static Scenario Load()
    {
        using var stream = typeof(EmbeddedScenario).Assembly.GetManifestResourceStream("default.json")
            ?? throw new InvalidOperationException("The embedded default scenario is missing from this build.");
        using var reader = new StreamReader(stream);
        return ScenarioLoader.Parse(reader.ReadToEnd(), FileName, Environment.CurrentDirectory);
    }
}
