namespace Sasg.Experiments.Scenarios;

/// <summary>Reads and validates scenario files; see docs/scenario-format.md.</summary>
public static class ScenarioLoader
{
    /// <summary>Reads the scenario file at <paramref name="path"/>; relative paths inside resolve against its folder.</summary>
    /// <exception cref="ScenarioException">The file is missing, is not JSON, or has any invalid field (all reported).</exception>
    public static Scenario Load(string path) => throw new NotImplementedException(path);

    /// <summary>Parses scenario JSON; <paramref name="fileName"/> names it in problems and relative paths resolve
    /// against <paramref name="baseDirectory"/> (the current directory when null).</summary>
    /// <exception cref="ScenarioException">The text is not JSON or has any invalid field (all reported).</exception>
    public static Scenario Parse(string json, string fileName, string? baseDirectory) =>
        throw new NotImplementedException(fileName + json + baseDirectory);
}
