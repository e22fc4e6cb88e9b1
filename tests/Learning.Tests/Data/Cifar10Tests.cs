using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Data;

public sealed class Cifar10Tests
{
    [Test]
    public void LoadFrom_Train_ReadsTheFiveBatchesInOrder_WithEveryPixelAndLabel()
    {
        using var root = new TemporaryDirectory();
        var folder = CifarTestFiles.WriteCifar10(Path.Combine(root.Path, "cifar-10-batches-bin"));

        var train = Cifar10.LoadFrom(folder, DatasetSplit.Train, ImageLayout.ChannelsRowsColumns, recordsPerFile: 20);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(train.Name, Is.EqualTo("cifar10/train"));
            Assert.That(train.Count, Is.EqualTo(100));
            Assert.That(train.SampleShape, Is.EqualTo(new[] { 3, 32, 32 }));
            Assert.That(train.ClassCount, Is.EqualTo(10));
            for (var sample = 0; sample < 100; sample++)
            {
                var (file, record) = (sample / 20, sample % 20);
                Assert.That(train.Labels![sample], Is.EqualTo(CifarTestFiles.Cifar10Label(file, record)));
                var row = train.Row(sample);
                for (var i = 0; i < CifarTestFiles.Pixels; i++)
                {
                    var (channel, y, x) = (i / 1024, i % 1024 / 32, i % 32);
                    if (row[i] != CifarTestFiles.Pixel(file, record, channel, y, x) / 255.0)
                    {
                        Assert.Fail($"sample {sample}, channel {channel}, row {y}, column {x}: {row[i]}");
                    }
                }
            }
        }
    }

    [Test]
    public void LoadFrom_Test_ReadsTestBatch_AndFlatLayoutKeepsChannelsRowsColumnsOrder()
    {
        using var root = new TemporaryDirectory();
        var folder = CifarTestFiles.WriteCifar10(root.Path, records: 3);

        var test = Cifar10.LoadFrom(folder, DatasetSplit.Test, ImageLayout.Flat, recordsPerFile: 3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(test.Name, Is.EqualTo("cifar10/test"));
            Assert.That(test.SampleShape, Is.EqualTo(new[] { 3072 }));
            Assert.That(test.Labels, Is.EqualTo(new[] { 5, 6, 7 }), "test_batch.bin is file 5");

            // Green (channel 1), row 4, column 9 of record 2 is value 1024 + 4 * 32 + 9 of the sample.
            Assert.That(test.Row(2)[1024 + (4 * 32) + 9], Is.EqualTo(CifarTestFiles.Pixel(5, 2, 1, 4, 9) / 255.0));
        }
    }

    [Test]
    public void Load_FindsTheArchiveFolderUnderADataRoot_AndLoadFromAcceptsTheFolderItWasUnpackedInto()
    {
        using var root = new TemporaryDirectory();
        CifarTestFiles.WriteCifar10(Path.Combine(root.Path, "cifar-10-batches-bin"), records: 2);
        var locator = new DatasetLocator([root.Path], searchSystemFolders: false);

        var located = locator.Locate(KnownDatasets.Cifar10);
        var fromParent = Cifar10.LoadFrom(root.Path, DatasetSplit.Test, recordsPerFile: 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(located, Is.EqualTo(Path.Combine(root.Path, "cifar-10-batches-bin")));
            Assert.That(fromParent.Count, Is.EqualTo(2));
        }
    }

    [Test]
    public void Load_WithTheBinaryVersionsCount_RejectsSmallFiles_NamingTheExpectedSize()
    {
        using var root = new TemporaryDirectory();
        CifarTestFiles.WriteCifar10(Path.Combine(root.Path, "cifar-10-batches-bin"), records: 2);
        var locator = new DatasetLocator([root.Path], searchSystemFolders: false);

        var error = Assert.Throws<DataFormatException>(() => Cifar10.Load(DatasetSplit.Test, locator: locator))!;

        Assert.That(error.Message, Does.EndWith(
            "test_batch.bin: holds 2 records of 3,073 bytes (6,146 bytes), CIFAR-10's binary version holds 10,000 (30,730,000 bytes)"));
    }

    [Test]
    public void LoadFrom_WhenARecordIsTruncated_SaysTheFileIsNotWholeRecords()
    {
        using var root = new TemporaryDirectory();
        var folder = CifarTestFiles.WriteCifar10(root.Path, records: 4);
        var path = Path.Combine(folder, "data_batch_2.bin");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^100]);

        var error = Assert.Throws<DataFormatException>(() => Cifar10.LoadFrom(folder, DatasetSplit.Train, recordsPerFile: 4))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Path, Is.EqualTo(path));
            Assert.That(error.Message, Is.EqualTo(
                $"{path}: holds 12,192 bytes, not a whole number of 3,073-byte records (1 label byte + 3,072 pixel bytes): "
                + "the file is truncated or not CIFAR-10's binary version"));
            Assert.That(error.Message, Does.Not.Contain("\n"));
        }
    }

    [Test]
    public void LoadFrom_WhenAFileHoldsAnotherNumberOfWholeRecords_SaysHowMany()
    {
        using var root = new TemporaryDirectory();
        var folder = CifarTestFiles.WriteCifar10(root.Path, records: 4);
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), CifarTestFiles.Records(5, 5, _ => [1]));

        var error = Assert.Throws<DataFormatException>(() => Cifar10.LoadFrom(folder, DatasetSplit.Test, recordsPerFile: 4))!;

        Assert.That(error.Message, Does.EndWith("test_batch.bin: holds 5 records of 3,073 bytes (15,365 bytes), CIFAR-10's binary version holds 4 (12,292 bytes)"));
    }

    [Test]
    public void LoadFrom_WhenALabelIsOutOfRange_NamesTheRecordAndByte()
    {
        using var root = new TemporaryDirectory();
        var folder = CifarTestFiles.WriteCifar10(root.Path, records: 10);
        File.WriteAllBytes(Path.Combine(folder, "data_batch_3.bin"), CifarTestFiles.Records(2, 10, r => [(byte)(r == 7 ? 10 : 0)]));

        var error = Assert.Throws<DataFormatException>(() => Cifar10.LoadFrom(folder, DatasetSplit.Train, recordsPerFile: 10))!;

        Assert.That(error.Message, Does.EndWith("data_batch_3.bin: record 7 (byte 21,511): label 10 is outside 0..9"));
    }

    [Test]
    public void LoadFrom_WhenAFileIsMissing_NamesIt_AndSaysWhereToGetTheBinaryVersion()
    {
        using var root = new TemporaryDirectory();
        var folder = CifarTestFiles.WriteCifar10(root.Path, records: 2);
        File.Delete(Path.Combine(folder, "data_batch_4.bin"));

        var error = Assert.Throws<DatasetNotFoundException>(() => Cifar10.LoadFrom(folder, DatasetSplit.Test, recordsPerFile: 2))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Dataset, Is.EqualTo("cifar10"));
            Assert.That(error.Message, Does.StartWith($"Dataset 'cifar10' is not installed: {folder} has no data_batch_4.bin. Install it with: download the binary version"));
            Assert.That(error.Message, Does.Contain("https://www.cs.toronto.edu/~kriz/cifar.html"));
            Assert.That(error.Message, Does.Not.Contain("\n"));
        }
    }

    [Test]
    public void Load_WhenASearchedFolderLacksAFile_NamesTheFile_ElseListsTheFoldersSearched()
    {
        using var partial = new TemporaryDirectory();
        CifarTestFiles.WriteCifar10(Path.Combine(partial.Path, "cifar-10-batches-bin"), records: 1);
        File.Delete(Path.Combine(partial.Path, "cifar-10-batches-bin", "test_batch.bin"));
        using var empty = new TemporaryDirectory();

        var incomplete = Assert.Throws<DatasetNotFoundException>(
            () => Cifar10.Load(DatasetSplit.Train, locator: new DatasetLocator([partial.Path], false)))!;
        var absent = Assert.Throws<DatasetNotFoundException>(
            () => Cifar10.Load(DatasetSplit.Train, locator: new DatasetLocator([empty.Path], false)))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(incomplete.Message, Does.Contain("cifar-10-batches-bin has no test_batch.bin."));
            Assert.That(absent.Message, Does.StartWith($"Dataset 'cifar10' is not installed (searched: {Path.Combine(empty.Path, "cifar-10-batches-bin")})"));
        }
    }

    [Test]
    public void CheckFiles_AcceptsTheBinaryVersionsSizes_WithoutReadingLabels()
    {
        using var root = new TemporaryDirectory();
        var folder = CifarTestFiles.WriteCifar10(root.Path, records: 3);

        Assert.That(() => Cifar10.CheckFiles(folder, recordsPerFile: 3), Throws.Nothing);
        Assert.That(() => Cifar10.CheckFiles(folder), Throws.TypeOf<DataFormatException>().With.Message.Contains("holds 10,000"));
    }
}
