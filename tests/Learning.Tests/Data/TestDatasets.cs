using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Data;

/// <summary>Finds the installed datasets for tests, wherever the test binaries were built.</summary>
/// <remarks>
/// With <c>--artifacts-path</c> the test process runs outside the checkout, where <see cref="DatasetLocator.Default"/>
/// cannot see <c>data/</c>; this locator adds the checkout's data folder that <see cref="RepositoryPaths"/> knows.
/// </remarks>
internal static class TestDatasets
{
    public static DatasetLocator Locator { get; } = new(Roots(), searchSystemFolders: true);

    /// <summary>The dataset's folder, or an ignored test with a one-line reason when it is not installed.</summary>
    public static string Require(DatasetInfo dataset)
    {
        if (!Locator.TryLocate(dataset, out var folder))
        {
            Assert.Ignore($"Dataset '{dataset.Name}' is not installed here ({KnownDatasets.InstallScript} installs it).");
        }

        return folder;
    }

    private static List<string> Roots()
    {
        var roots = new List<string>();
        if (Environment.GetEnvironmentVariable(DatasetLocator.EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            roots.Add(fromEnvironment);
        }

        roots.Add(RepositoryPaths.InRoot("data"));
        return roots;
    }
}
