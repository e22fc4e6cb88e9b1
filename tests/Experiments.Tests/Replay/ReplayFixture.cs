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
}
