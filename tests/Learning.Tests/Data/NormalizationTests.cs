using Sasg.Learning.Data;
using Sasg.Learning.Randomness;

namespace Sasg.Learning.Tests.Data;

public sealed class NormalizationTests
{
    private static Dataset Table(string name, params double[][] rows) =>
        new(name, rows.Length, [rows[0].Length], rows.SelectMany(r => r).ToArray(), null, 0, new double[rows.Length]);

    [Test]
    public void Standardize_GivesTrainingFeaturesMeanZeroAndUnitDeviation()
    {
        var train = Table("train", [1, 10, 5], [2, 20, 5], [3, 60, 5]);

        var (standardized, _) = Normalization.Standardize(train, train);

        using (Assert.EnterMultipleScope())
        {
            for (var j = 0; j < 2; j++)
            {
                var column = Enumerable.Range(0, 3).Select(i => standardized.Row(i)[j]).ToArray();
                Assert.That(column.Average(), Is.EqualTo(0.0).Within(1e-12));
                Assert.That(Math.Sqrt(column.Select(v => v * v).Average()), Is.EqualTo(1.0).Within(1e-12));
            }

            // A constant feature keeps scale 1 and becomes 0 instead of dividing by zero.
            Assert.That(Enumerable.Range(0, 3).Select(i => standardized.Row(i)[2]), Has.All.EqualTo(0.0));
        }
    }

    [Test]
    public void Apply_ToTestData_UsesTheTrainingStatistics()
    {
        var train = Table("train", [0, 1], [2, 3]);
        var test = Table("test", [4, 1]);

        var standardizer = FeatureStandardizer.Fit(train);
        var result = standardizer.Apply(test);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(standardizer.Means, Is.EqualTo(new[] { 1.0, 2.0 }));
            Assert.That(standardizer.StandardDeviations, Is.EqualTo(new[] { 1.0, 1.0 }));
            Assert.That(result.Features, Is.EqualTo(new[] { 3.0, -1.0 }));
            Assert.That(result.Name, Is.EqualTo("test"));
            Assert.That(test.Features, Is.EqualTo(new[] { 4.0, 1.0 }), "the input is left unchanged");
        }
    }

    [Test]
    public void Apply_WhenFeatureCountsDiffer_NamesTheDataset()
    {
        var standardizer = FeatureStandardizer.Fit(Table("train", [0, 1]));

        Assert.That(
            () => standardizer.Apply(Table("other", [1, 2, 3])),
            Throws.ArgumentException.With.Message.Contains("'other' has 3 features"));
    }

    [Test]
    public void MnistInPlace_GivesMnistsBits_InTheSameDataset()
    {
        var pixels = Enumerable.Range(0, 256).Select(p => p / 255.0).ToArray();
        var images = new Dataset("img", 1, [256], pixels.ToArray(), [4], 10, null);
        var expected = Normalization.Mnist(new Dataset("img", 1, [256], pixels, [4], 10, null));

        var result = Normalization.MnistInPlace(images);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.SameAs(images));
            Assert.That(result.Features.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(expected.Features.Select(BitConverter.DoubleToInt64Bits)));
        }
    }

    [Test]
    public void Mnist_UsesTheUsualMeanAndStandardDeviation()
    {
        var images = new Dataset("img", 1, [3], [0.0, 0.1307, 1.0], [4], 10, null);

        var result = Normalization.Mnist(images);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Features[0], Is.EqualTo(-0.1307 / 0.3081).Within(1e-15));
            Assert.That(result.Features[1], Is.Zero);
            Assert.That(result.Features[2], Is.EqualTo(0.8693 / 0.3081).Within(1e-12));
            Assert.That(result.Labels, Is.EqualTo(new[] { 4 }));
        }
    }

    [Test]
    public void Standardize_IsBitForBitReproducible()
    {
        var random = new SeededRandom(1);
        var rows = Enumerable.Range(0, 200)
            .Select(_ => Enumerable.Range(0, 7).Select(_ => random.NextGaussian() * 1e3).ToArray())
            .ToArray();
        var train = Table("train", rows);

        var first = Normalization.Standardize(train, train).Train.Features;
        var second = Normalization.Standardize(train, train).Train.Features;

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Affine_WhenDeviationIsNotPositive_Throws()
    {
        var data = Table("t", [1.0]);

        Assert.That(
            () => Normalization.Affine(data, 0, 0),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("standardDeviation"));
    }
}
