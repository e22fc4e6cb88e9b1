using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Replay;

/// <summary>A copy of the committed tiny-run results folder (Fixtures/README.md) that a test may damage.</summary>
internal static class ReplayFixture
{
    /// <summary>The committed folder.</summary>
    public static string Source => RepositoryPaths.InRoot("tests", "Experiments.Tests", "Replay", "Fixtures", "tiny-run");

    /// <summary>Copies the fixture into <paramref name="folder"/>; returns its path.</summary>
    public static string CopyTo(TemporaryDirectory folder)
    {
        foreach (var file in Directory.GetFiles(Source))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        return folder.Path;
    }

    /// <summary>Replaces line <paramref name="number"/> (1-based) of <paramref name="file"/> in the copy.</summary>
    public static void ReplaceLine(string folder, string file, int number, string text)
    {
        var path = Path.Combine(folder, file);
        var lines = File.ReadAllLines(path);
        lines[number - 1] = text;
        File.WriteAllLines(path, lines);
    }

    /// <summary>Writes the copy's decisions.csv as decisions.parquet (row groups of <paramref name="rowGroupRows"/>),
    /// stamped with the scenario.json of <paramref name="scenarioFrom"/> (default: the copy's own), its rows first
    /// changed by <paramref name="damage"/> when given; returns its path.</summary>
    public static string WriteParquet(
        string folder, int rowGroupRows = 5, string? scenarioFrom = null, Action<List<Sasg.Experiments.Driver.DecisionRow>>? damage = null)
    {
        var rows = Sasg.Experiments.Replay.DecisionsCsv.Read(Path.Combine(folder, "decisions.csv")).ToList();
        damage?.Invoke(rows);
        var scenario = File.ReadAllText(Path.Combine(scenarioFrom ?? folder, "scenario.json"));
        var path = Path.Combine(folder, Sasg.Experiments.Replay.DecisionsParquet.FileName);
        using var stream = File.Create(path);
        using var writer = new Sasg.Experiments.Replay.DecisionsParquetWriter(stream, scenario, rowGroupRows);
        foreach (var row in rows)
        {
            writer.Add(row);
        }

        return path;
    }
}
