using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Data;

public sealed class FashionMnistTests
{
    private static string RequireFashionMnist() => TestDatasets.Require(KnownDatasets.FashionMnist);

    [Test]
    public void Load_Train_Reads60000ImagesOf784PixelsWith6000PerClass()
    {
        RequireFashionMnist();

        var train = FashionMnist.Load(DatasetSplit.Train, locator: TestDatasets.Locator);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(train.Name, Is.EqualTo("fashion-mnist/train"));
            Assert.That(train.Count, Is.EqualTo(60_000));
            Assert.That(train.SampleShape, Is.EqualTo(new[] { 784 }));
            Assert.That(train.Labels!.CountBy(label => label).Select(pair => pair.Value), Has.All.EqualTo(6_000));
            Assert.That(train.Features.Min(), Is.EqualTo(0.0));
            Assert.That(train.Features.Max(), Is.EqualTo(1.0));

            // The first training image of Fashion-MNIST is an ankle boot (class 9).
            Assert.That(train.Labels![0], Is.EqualTo(9));
        }
    }

    [Test]
    public void Load_Test_Reads10000ImagesAsOneBy28By28()
    {
        RequireFashionMnist();

        var test = FashionMnist.Load(DatasetSplit.Test, ImageLayout.ChannelsRowsColumns, TestDatasets.Locator);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(test.Count, Is.EqualTo(10_000));
            Assert.That(test.SampleShape, Is.EqualTo(new[] { 1, 28, 28 }));
            Assert.That(test.Labels!.Distinct().Count(), Is.EqualTo(10));
        }
    }

    [Test]
    public void Load_WhenNotInstalled_ThrowsDatasetNotFound()
    {
        using var empty = new TemporaryDirectory();
        var locator = new DatasetLocator([empty.Path], searchSystemFolders: false);

        Assert.That(
            () => FashionMnist.Load(DatasetSplit.Train, locator: locator),
            Throws.TypeOf<DatasetNotFoundException>().With.Property("Dataset").EqualTo("fashion-mnist"));
    }

    [Test]
    public void LoadFrom_WhenImagesAreNot28By28_SaysSo()
    {
        using var folder = new TemporaryDirectory();
        IdxFiles.Write(folder.Path, "t10k-images-idx3-ubyte", IdxFiles.Images(2, 4, 4, _ => 0));
        IdxFiles.Write(folder.Path, "t10k-labels-idx1-ubyte.gz", IdxFiles.Labels([0, 1]), gzip: true);

        var error = Assert.Throws<DataFormatException>(() => FashionMnist.LoadFrom(folder.Path, DatasetSplit.Test))!;

        Assert.That(error.Message, Does.EndWith("images hold 16 pixels, Fashion-MNIST's hold 28x28"));
    }
}
