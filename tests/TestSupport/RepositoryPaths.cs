using System.Runtime.CompilerServices;

namespace Sasg.TestSupport;

/// <summary>Paths of the checkout the tests run from, and of the team's shared data beside it.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds Sasg.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The LAG real-data sets: <c>../shared/data/lag-uci</c> from the checkout root.</summary>
    public static string LagUci => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "lag-uci"));

    /// <summary>A path below the checkout root.</summary>
    public static string InRoot(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The LAG data folder, or an ignored test with the reason when this machine lacks it.</summary>
    public static string RequireLagUci()
    {
        if (!Directory.Exists(LagUci))
        {
            Assert.Ignore($"The LAG real-data sets are not at {LagUci}; CI and the team's machines have them.");
        }

        return LagUci;
    }

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
