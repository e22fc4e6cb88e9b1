using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Data;

/// <summary>The default search order: <c>SASG_DATA</c>, <c>./data</c>, the checkouts above the current directory and
/// above the program, then system folders; never a folder beside the checkout.</summary>
public sealed class DatasetLocatorSearchOrderTests
{
    private static readonly string[] LagSets = ["housing", "bodyfat", "abalone", "ionosphere", "adult-a1a", "dermatology"];

    [Test]
    public void ForEnvironment_FromInsideACheckout_FindsItsDataFolder_AndNotAFolderBesideIt()
    {
        using var root = new TemporaryDirectory();
        root.WriteFile("checkout/Sasg.sln", string.Empty);
        Directory.CreateDirectory(Path.Combine(root.Path, "checkout", "src", "Cli"));
        WriteLagSets(root, "sibling/data/lag-uci");

        var locator = DatasetLocator.ForEnvironment(null, Path.Combine(root.Path, "checkout", "src", "Cli"), "/nonexistent-program");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(locator.TryLocate(KnownDatasets.LagUci, out _), Is.False);
            Assert.That(locator.Candidates(KnownDatasets.LagUci), Has.None.Contains("sibling"));
            Assert.That(locator.InstallFolder(KnownDatasets.LagUci), Is.EqualTo(Path.Combine(root.Path, "checkout", "data", "lag-uci")));
        }

        WriteLagSets(root, "checkout/data/lag-uci");
        Assert.That(locator.Locate(KnownDatasets.LagUci), Is.EqualTo(Path.Combine(root.Path, "checkout", "data", "lag-uci")));
    }

    [Test]
    public void ForEnvironment_WithTheProgramBuiltInsideACheckoutWithoutSasgSln_FindsTheShippedSetsAboveTheProgram()
    {
        using var root = new TemporaryDirectory();
        using var elsewhere = new TemporaryDirectory();
        WriteLagSets(root, "published/data/lag-uci");
        var program = Path.Combine(root.Path, "published", "artifacts", "bin", "Cli", "release");
        Directory.CreateDirectory(program);

        var locator = DatasetLocator.ForEnvironment(null, elsewhere.Path, program);

        Assert.That(locator.Locate(KnownDatasets.LagUci), Is.EqualTo(Path.Combine(root.Path, "published", "data", "lag-uci")));
    }

    [Test]
    public void ForEnvironment_WithSasgData_SearchesItBeforeTheCheckout()
    {
        using var root = new TemporaryDirectory();
        WriteLagSets(root, "checkout/data/lag-uci");
        WriteLagSets(root, "mine/lag-uci");

        var locator = DatasetLocator.ForEnvironment(Path.Combine(root.Path, "mine"), Path.Combine(root.Path, "checkout"), "/nonexistent-program");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(locator.Locate(KnownDatasets.LagUci), Is.EqualTo(Path.Combine(root.Path, "mine", "lag-uci")));
            Assert.That(locator.Candidates(KnownDatasets.LagUci)[1], Is.EqualTo(Path.Combine(root.Path, "checkout", "data", "lag-uci")));
        }
    }

    [Test]
    public void InstallFolder_OfADatasetWithAPackage_IsWhereThePackageInstallsIt()
    {
        var locator = DatasetLocator.ForEnvironment(null, "/nonexistent-cwd", "/nonexistent-program");

        Assert.That(locator.InstallFolder(KnownDatasets.FashionMnist), Is.EqualTo("/usr/share/datasets/fashion-mnist"));
    }

    [Test]
    public void ForEnvironment_FromTheTestBinaries_FindsTheSetsShippedInTheRepository()
    {
        var locator = DatasetLocator.ForEnvironment(null, Environment.CurrentDirectory, RepositoryPaths.Root);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(locator.Locate(KnownDatasets.LagUci), Is.EqualTo(RepositoryPaths.LagUci));
            Assert.That(File.Exists(Path.Combine(RepositoryPaths.LagUci, "README.md")), Is.True);
        }
    }

    private static void WriteLagSets(TemporaryDirectory root, string folder)
    {
        foreach (var set in LagSets)
        {
            root.WriteFile(Path.Combine(folder, set, "X.txt"), "1 2\n");
            root.WriteFile(Path.Combine(folder, set, "y.txt"), "1\n");
        }
    }
}
