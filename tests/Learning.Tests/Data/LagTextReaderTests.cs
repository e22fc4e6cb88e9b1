using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Data;

public sealed class LagTextReaderTests
{
    [TestCase("housing", 506, 13)]
    [TestCase("bodyfat", 252, 14)]
    [TestCase("abalone", 417, 8)]
    public void ReadFolder_OfALagRegressionSet_ReadsItsShapeAndRealTargets(string name, int samples, int features)
    {
        var root = RepositoryPaths.LagUci;

        var dataset = LagTextReader.ReadFolder(Path.Combine(root, name));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dataset.Name, Is.EqualTo(name));
            Assert.That(dataset.Count, Is.EqualTo(samples));
            Assert.That(dataset.FeatureCount, Is.EqualTo(features));
            Assert.That(dataset.Labels, Is.Null);
            Assert.That(dataset.Targets, Has.Length.EqualTo(samples));
        }
    }

    [Test]
    public void ReadFolder_OfHousing_ParsesExponentNotationAsTheFileWritesIt()
    {
        var root = RepositoryPaths.LagUci;

        var housing = LagTextReader.ReadFolder(Path.Combine(root, "housing"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(housing.Targets![..3], Is.EqualTo(new[] { 24.0, 21.6, 34.7 }));
            Assert.That(housing.Row(0)[1], Is.EqualTo(-0.64));
        }
    }

    [TestCase("ionosphere", 351, 34, 126, 225)]
    [TestCase("adult-a1a", 1605, 113, 395, 1210)]
    [TestCase("dermatology", 358, 34, 247, 111)]
    public void Load_OfALagLogisticSet_MapsLabelsToPlusMinusOne(
        string name, int samples, int features, int positives, int negatives)
    {
        var root = RepositoryPaths.LagUci;
        var locator = new DatasetLocator([Path.GetDirectoryName(root)!], searchSystemFolders: false);

        var dataset = LagUci.Load(name, locator: locator);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dataset.Count, Is.EqualTo(samples));
            Assert.That(dataset.FeatureCount, Is.EqualTo(features));
            Assert.That(dataset.Targets!.Count(y => y == 1.0), Is.EqualTo(positives));
            Assert.That(dataset.Targets!.Count(y => y == -1.0), Is.EqualTo(negatives));
        }
    }

    [TestCase("ionosphere", 0.0, 225)]
    [TestCase("adult-a1a", 0.0, 1210)]
    [TestCase("dermatology", -1.0, 111)]
    public void Load_AsStored_KeepsTheLabelsAsTheFileStoresThem(string name, double negative, int negatives)
    {
        var root = RepositoryPaths.LagUci;
        var locator = new DatasetLocator([Path.GetDirectoryName(root)!], searchSystemFolders: false);

        var dataset = LagUci.Load(name, LabelKind.AsStored, locator);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dataset.Labels, Is.Null);
            Assert.That(dataset.Targets!.Distinct().Order(), Is.EqualTo(new[] { negative, 1.0 }));
            Assert.That(dataset.Targets!.Count(y => y == negative), Is.EqualTo(negatives));
        }
    }

    [Test]
    public void Load_WithBinaryLabels_GivesClassLabelsForPartitioningByLabel()
    {
        var root = RepositoryPaths.LagUci;
        var locator = new DatasetLocator([Path.GetDirectoryName(root)!], searchSystemFolders: false);

        var dermatology = LagUci.Load("dermatology", LabelKind.Binary, locator);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dermatology.ClassCount, Is.EqualTo(2));
            Assert.That(dermatology.Labels!.Count(label => label == 0), Is.EqualTo(111));
        }
    }

    [Test]
    public void Read_OfATinyFile_SkipsBlankLinesAndTrailingSpaces()
    {
        using var folder = new TemporaryDirectory();
        var x = folder.WriteFile("X.txt", "1 2 3 \n\n4\t5 6\n");
        var y = folder.WriteFile("y.txt", "0 \n1\n\n");

        var dataset = LagTextReader.Read(x, y, "tiny", LabelKind.SignedBinary);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dataset.Features, Is.EqualTo(new[] { 1.0, 2, 3, 4, 5, 6 }));
            Assert.That(dataset.Targets, Is.EqualTo(new[] { -1.0, 1.0 }));
        }
    }

    [Test]
    public void Read_WhenARowIsRagged_NamesTheFileLineAndCounts()
    {
        using var folder = new TemporaryDirectory();
        var x = folder.WriteFile("X.txt", "1 2 3\n4 5 6\n7 8\n");
        var y = folder.WriteFile("y.txt", "1\n2\n3\n");

        var error = Assert.Throws<DataFormatException>(() => LagTextReader.Read(x, y, "tiny"))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Is.EqualTo($"{x}: line 3: expected 3 values, found 2"));
            Assert.That(error.Line, Is.EqualTo(3));
        }
    }

    [TestCase("1 NaN 3", "value 2 is NaN (only finite numbers are accepted)")]
    [TestCase("1 2 Infinity", "value 3 is Infinity (only finite numbers are accepted)")]
    [TestCase("1 2,5 3", "value 2 '2,5' is not a number")]
    [TestCase("1 abc 3", "value 2 'abc' is not a number")]
    public void Read_WhenAValueIsNotAFiniteNumber_NamesTheFileLineAndValue(string secondLine, string problem)
    {
        using var folder = new TemporaryDirectory();
        var x = folder.WriteFile("X.txt", $"1 2 3\n{secondLine}\n");
        var y = folder.WriteFile("y.txt", "1\n2\n");

        var error = Assert.Throws<DataFormatException>(() => LagTextReader.Read(x, y, "tiny"))!;

        Assert.That(error.Message, Is.EqualTo($"{x}: line 2: {problem}"));
    }

    [Test]
    public void Read_WhenYHasFewerLines_NamesBothFilesAndCounts()
    {
        using var folder = new TemporaryDirectory();
        var x = folder.WriteFile("X.txt", "1\n2\n3\n");
        var y = folder.WriteFile("y.txt", "1\n2\n");

        var error = Assert.Throws<DataFormatException>(() => LagTextReader.Read(x, y, "tiny"))!;

        Assert.That(error.Message, Is.EqualTo($"{y}: holds 2 targets but {x} holds 3 samples"));
    }

    [Test]
    public void Read_WhenYHasMoreLines_PointsAtTheFirstTargetWithoutASample()
    {
        using var folder = new TemporaryDirectory();
        var x = folder.WriteFile("X.txt", "1\n2\n");
        var y = folder.WriteFile("y.txt", "1\n2\n3\n4\n");

        var error = Assert.Throws<DataFormatException>(() => LagTextReader.Read(x, y, "tiny"))!;

        Assert.That(error.Message, Is.EqualTo($"{y}: line 3: holds 4 targets but {x} holds 2 samples"));
    }

    [Test]
    public void Read_WhenALogisticLabelIsNotBinary_NamesTheLine()
    {
        using var folder = new TemporaryDirectory();
        var x = folder.WriteFile("X.txt", "1\n2\n3\n");
        var y = folder.WriteFile("y.txt", "0\n1\n2\n");

        var error = Assert.Throws<DataFormatException>(() => LagTextReader.Read(x, y, "tiny", LabelKind.SignedBinary))!;

        Assert.That(error.Message, Is.EqualTo($"{y}: line 3: label 2 is not binary (expected 0/1 or -1/+1)"));
    }

    [Test]
    public void Read_WhenLabelsMixZeroAndMinusOne_RefusesTheAmbiguity()
    {
        using var folder = new TemporaryDirectory();
        var x = folder.WriteFile("X.txt", "1\n2\n3\n");
        var y = folder.WriteFile("y.txt", "0\n1\n-1\n");

        var error = Assert.Throws<DataFormatException>(() => LagTextReader.Read(x, y, "tiny", LabelKind.Binary))!;

        Assert.That(error.Message, Does.Contain("line 3: labels mix 0 (line 1) and -1 (line 3)"));
    }

    [Test]
    public void ReadFolder_WhenYIsMissing_ThrowsFileNotFoundNamingIt()
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile("X.txt", "1\n");

        var error = Assert.Throws<FileNotFoundException>(() => LagTextReader.ReadFolder(folder.Path))!;

        Assert.That(error.FileName, Is.EqualTo(Path.Combine(folder.Path, "y.txt")));
    }

    [Test]
    public void LagUci_Load_OfAnUnknownSet_NamesTheParameter()
    {
        Assert.That(
            () => LagUci.Load("iris"),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("name").And.Message.Contains("housing"));
    }
}
