using System.Globalization;
using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Data;

public sealed class MnistJsonReaderTests
{
    private static string RequireMnistJson() => TestDatasets.Require(KnownDatasets.MnistJson);

    private static void WriteDigits(TemporaryDirectory folder, int perDigit, Func<int, string>? pixel = null)
    {
        for (var digit = 0; digit < 10; digit++)
        {
            var values = Enumerable.Range(0, perDigit * 784)
                .Select(i => pixel?.Invoke(i) ?? (digit / 10.0).ToString(CultureInfo.InvariantCulture));
            folder.WriteFile($"{digit}.json", $"{{ \"data\": [{string.Join(',', values)}]}}");
        }
    }

    [Test]
    public void ReadAll_OfThePackage_Reads10000DigitsWithTheFileNameAsClass()
    {
        var folder = RequireMnistJson();

        var all = MnistJsonReader.ReadAll(folder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(all.Count, Is.EqualTo(10_000));
            Assert.That(all.FeatureCount, Is.EqualTo(784));
            Assert.That(
                Enumerable.Range(0, 10).Select(k => all.Labels!.Count(label => label == k)),
                Is.EqualTo(new[] { 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 }));
            Assert.That(all.Features.Min(), Is.EqualTo(0.0));
            Assert.That(all.Features.Max(), Is.EqualTo(1.0));
        }
    }

    [Test]
    public void Load_SplitsThePackageInto8000TrainAnd2000TestThatTogetherHoldEveryDigitOnce()
    {
        var folder = RequireMnistJson();

        var train = MnistJsonReader.Load(DatasetSplit.Train, locator: TestDatasets.Locator);
        var test = MnistJsonReader.Load(DatasetSplit.Test, ImageLayout.ChannelsRowsColumns, TestDatasets.Locator);
        var all = MnistJsonReader.ReadAll(folder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(train.Count, Is.EqualTo(8_000));
            Assert.That(test.Count, Is.EqualTo(2_000));
            Assert.That(train.Name, Is.EqualTo("mnist-json/train"));
            Assert.That(test.SampleShape, Is.EqualTo(new[] { 1, 28, 28 }));
            Assert.That(test.Labels!.Distinct().Count(), Is.EqualTo(10));
            Assert.That(Fingerprints(train).Concat(Fingerprints(test)).Order(), Is.EqualTo(Fingerprints(all).Order()));
        }
    }

    // One number per sample from its label and every bit of its pixels, to compare datasets as multisets.
    private static IEnumerable<long> Fingerprints(Dataset dataset) =>
        Enumerable.Range(0, dataset.Count).Select(i =>
        {
            var hash = (long)dataset.Labels![i];
            foreach (var value in dataset.Row(i))
            {
                hash = unchecked((hash * 1_000_003) + BitConverter.DoubleToInt64Bits(value));
            }

            return hash;
        });

    [Test]
    public void Split_IsTheSameOnEveryCall_AndKeepsEverySampleOnce()
    {
        using var folder = new TemporaryDirectory();
        WriteDigits(folder, perDigit: 5);
        var all = MnistJsonReader.ReadAll(folder.Path);

        var train = MnistJsonReader.Split(all, DatasetSplit.Train);
        var again = MnistJsonReader.Split(all, DatasetSplit.Train);
        var test = MnistJsonReader.Split(all, DatasetSplit.Test);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(train.Count, Is.EqualTo(40));
            Assert.That(test.Count, Is.EqualTo(10));
            Assert.That(again.Labels, Is.EqualTo(train.Labels));
            Assert.That(
                train.Labels!.Concat(test.Labels!).Order(),
                Is.EqualTo(Enumerable.Range(0, 10).SelectMany(k => Enumerable.Repeat(k, 5))));
        }
    }

    [Test]
    public void ReadAll_WhenADigitFileIsMissing_ThrowsFileNotFoundNamingIt()
    {
        using var folder = new TemporaryDirectory();
        WriteDigits(folder, perDigit: 1);
        File.Delete(Path.Combine(folder.Path, "7.json"));

        var error = Assert.Throws<FileNotFoundException>(() => MnistJsonReader.ReadAll(folder.Path))!;

        Assert.That(error.FileName, Is.EqualTo(Path.Combine(folder.Path, "7.json")));
    }

    [Test]
    public void ReadAll_WhenAFileHoldsAPartialDigit_NamesTheFileAndTheCount()
    {
        using var folder = new TemporaryDirectory();
        WriteDigits(folder, perDigit: 1);
        folder.WriteFile("3.json", "{\"data\":[0,0.5,1]}");

        var error = Assert.Throws<DataFormatException>(() => MnistJsonReader.ReadAll(folder.Path))!;

        Assert.That(
            error.Message,
            Is.EqualTo(
                $"{Path.Combine(folder.Path, "3.json")}: \"data\" holds 3 values, not a multiple of 784 pixels per digit"));
    }

    [Test]
    public void ReadAll_WhenAValueIsOutsideTheUnitInterval_NamesTheDigitAndPixel()
    {
        using var folder = new TemporaryDirectory();
        WriteDigits(folder, perDigit: 2, i => i == 790 ? "255" : "0");

        var error = Assert.Throws<DataFormatException>(() => MnistJsonReader.ReadAll(folder.Path))!;

        Assert.That(error.Message, Does.EndWith("0.json: value 790 (digit 1, pixel 6) is 255, outside [0, 1]"));
    }

    [TestCase("{\"data\":[0,0.5,")]
    [TestCase("[1,2,3]")]
    [TestCase("{\"pixels\":[]}")]
    [TestCase("{\"data\":[0,\"x\"]}")]
    public void ReadAll_WhenAFileIsNotThePackagesJson_ThrowsDataFormatExceptionNamingIt(string content)
    {
        using var folder = new TemporaryDirectory();
        WriteDigits(folder, perDigit: 1);
        var path = folder.WriteFile("5.json", content);

        var error = Assert.Throws<DataFormatException>(() => MnistJsonReader.ReadAll(folder.Path))!;

        Assert.That(error.Path, Is.EqualTo(path));
    }
}
