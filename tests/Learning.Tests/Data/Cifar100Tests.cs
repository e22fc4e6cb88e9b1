using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Data;

public sealed class Cifar100Tests
{
    [TestCase(CifarLabels.Fine, 100)]
    [TestCase(CifarLabels.Coarse, 20)]
    public void LoadFrom_Train_KeepsTheChosenLabelByte_AndEveryPixel(CifarLabels kind, int classes)
    {
        using var root = new TemporaryDirectory();
        var folder = CifarTestFiles.WriteCifar100(Path.Combine(root.Path, "cifar-100-binary"), train: 40, test: 20);

        var train = Cifar100.LoadFrom(folder, DatasetSplit.Train, kind, ImageLayout.ChannelsRowsColumns, records: 40);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(train.Name, Is.EqualTo("cifar100/train"));
            Assert.That(train.SampleShape, Is.EqualTo(new[] { 3, 32, 32 }));
            Assert.That(train.ClassCount, Is.EqualTo(classes));
            Assert.That(train.Labels, Is.EqualTo(Enumerable.Range(0, 40).Select(r => (int)CifarTestFiles.Cifar100Labels(0, r)[kind == CifarLabels.Coarse ? 0 : 1])));
            for (var r = 0; r < 40; r++)
            {
                var row = train.Row(r);
                for (var i = 0; i < CifarTestFiles.Pixels; i++)
                {
                    if (row[i] != CifarTestFiles.Pixel(0, r, i / 1024, i % 1024 / 32, i % 32) / 255.0)
                    {
                        Assert.Fail($"record {r}, value {i}: {row[i]}");
                    }
                }
            }
        }
    }

    [Test]
    public void Load_FindsCifar100BinaryUnderADataRoot_AndReadsTheTestFile()
    {
        using var root = new TemporaryDirectory();
        CifarTestFiles.WriteCifar100(Path.Combine(root.Path, "cifar-100-binary"), train: 2, test: 3);
        var folder = new DatasetLocator([root.Path], searchSystemFolders: false).Locate(KnownDatasets.Cifar100);

        var test = Cifar100.LoadFrom(folder, DatasetSplit.Test, records: 3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(test.Name, Is.EqualTo("cifar100/test"));
            Assert.That(test.SampleShape, Is.EqualTo(new[] { 3072 }));
            Assert.That(test.Labels, Is.EqualTo(new[] { 1, 4, 7 }), "fine labels by default");
        }
    }

    [TestCase(0, 20, "coarse label 20 is outside 0..19")]
    [TestCase(1, 100, "fine label 100 is outside 0..99")]
    public void LoadFrom_WhenEitherLabelByteIsOutOfRange_SaysWhich_WhicheverIsKept(int labelByte, int value, string problem)
    {
        using var root = new TemporaryDirectory();
        var folder = CifarTestFiles.WriteCifar100(root.Path, train: 4, test: 4);
        File.WriteAllBytes(Path.Combine(folder, "test.bin"), CifarTestFiles.Records(1, 4, r =>
        {
            byte[] labels = [1, 1];
            labels[labelByte] = (byte)(r == 3 ? value : 1);
            return labels;
        }));

        var error = Assert.Throws<DataFormatException>(() => Cifar100.LoadFrom(folder, DatasetSplit.Test, CifarLabels.Fine, records: 4))!;

        Assert.That(error.Message, Does.EndWith($"test.bin: record 3 (byte {(3 * 3074) + labelByte:N0}): {problem}"));
    }

    [Test]
    public void LoadFrom_WhenTruncated_OrTheWrongSize_SaysSo()
    {
        using var root = new TemporaryDirectory();
        var folder = CifarTestFiles.WriteCifar100(root.Path, train: 4, test: 4);
        var train = Path.Combine(folder, "train.bin");
        File.WriteAllBytes(train, File.ReadAllBytes(train)[..^1]);

        var truncated = Assert.Throws<DataFormatException>(() => Cifar100.LoadFrom(folder, DatasetSplit.Train, records: 4))!;
        var wrongCount = Assert.Throws<DataFormatException>(() => Cifar100.LoadFrom(folder, DatasetSplit.Test))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(truncated.Message, Does.Contain("holds 12,295 bytes, not a whole number of 3,074-byte records (2 label bytes + 3,072 pixel bytes)"));
            Assert.That(wrongCount.Message, Does.EndWith("test.bin: holds 4 records of 3,074 bytes (12,296 bytes), CIFAR-100's binary version holds 10,000 (30,740,000 bytes)"));
        }
    }

    [Test]
    public void Load_WhenTheTestFileIsMissing_NamesIt()
    {
        using var root = new TemporaryDirectory();
        var folder = CifarTestFiles.WriteCifar100(Path.Combine(root.Path, "cifar-100-binary"), train: 1, test: 1);
        File.Delete(Path.Combine(folder, "test.bin"));

        var error = Assert.Throws<DatasetNotFoundException>(
            () => Cifar100.Load(DatasetSplit.Train, locator: new DatasetLocator([root.Path], false)))!;

        Assert.That(error.Message, Does.StartWith($"Dataset 'cifar100' is not installed: {folder} has no test.bin. Install it with: download the binary version, cifar-100-binary.tar.gz"));
    }
}
