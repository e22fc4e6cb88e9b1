using System.Runtime.CompilerServices;

namespace Sasg.TestSupport;

/// <summary>Paths of the checkout the tests run from.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds Sasg.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The LAG real-data sets shipped with the repository: <c>data/lag-uci</c> below the checkout root.</summary>
    public static string LagUci => InRoot("data", "lag-uci");

    /// <summary>A path below the checkout root.</summary>
    public static string InRoot(params string[] parts) => Path.Combine([Root, .. parts]);

    // The test binaries usually sit inside the checkout; with --artifacts-path they do not, and then the
    // compile-time path of this source file still points into it.
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Sasg.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No Sasg.sln above {AppContext.BaseDirectory} or {sourceFile}.");
    }
}
