using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Data;

public sealed class LibSvmReaderTests
{
    [Test]
    public void Read_FillsAbsentFeaturesWithZero_AndTakesTheLargestIndexAsFeatureCount()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("a.svm", "+1 1:0.5 4:2 # comment\n-1 2:1\n\n-1\n");

        var dataset = LibSvmReader.Read(path, LabelKind.SignedBinary);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dataset.Name, Is.EqualTo("a"));
            Assert.That(dataset.FeatureCount, Is.EqualTo(4));
            Assert.That(dataset.Features, Is.EqualTo(new[] { 0.5, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0 }));
            Assert.That(dataset.Targets, Is.EqualTo(new[] { 1.0, -1, -1 }));
        }
    }

    [Test]
    public void Read_WithAGivenFeatureCount_PadsRows()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("m.txt", "2 1:1\n0 2:1\n");

        var dataset = LibSvmReader.Read(path, LabelKind.Class, featureCount: 5, classCount: 3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dataset.FeatureCount, Is.EqualTo(5));
            Assert.That(dataset.Labels, Is.EqualTo(new[] { 2, 0 }));
            Assert.That(dataset.ClassCount, Is.EqualTo(3));
        }
    }

    [TestCase("1 0:1", "index 0 in '0:1'; LibSVM indices start at 1")]
    [TestCase("1 3:1 2:1", "index 2 follows index 3; indices must increase")]
    [TestCase("1 2:1 2:1", "index 2 follows index 2; indices must increase")]
    [TestCase("1 7:1", "index 7 exceeds the feature count 4")]
    [TestCase("1 2=1", "item 2 '2=1' is not index:value")]
    [TestCase("1 2:x", "value 2 'x' is not a number")]
    [TestCase("x 2:1", "value 1 'x' is not a number")]
    [TestCase("5 2:1", "label 5 is not a class label in 0..1")]
    public void Read_WhenALineIsMalformed_NamesTheFileLineAndProblem(string line, string problem)
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("bad.svm", $"0 1:1\n{line}\n");

        var error = Assert.Throws<DataFormatException>(
            () => LibSvmReader.Read(path, LabelKind.Class, featureCount: 4, classCount: 2))!;

        Assert.That(error.Message, Is.EqualTo($"{path}: line 2: {problem}"));
    }

    [Test]
    public void Read_WhenTheFileHoldsNoSamples_SaysSo()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("empty.svm", "\n# nothing\n");

        var error = Assert.Throws<DataFormatException>(() => LibSvmReader.Read(path, LabelKind.Target))!;

        Assert.That(error.Message, Is.EqualTo($"{path}: holds no samples"));
    }
}
