using Sasg.Learning.Randomness;

namespace Sasg.Learning.Tests.Randomness;

public sealed class GammaSamplerTests
{
    [TestCase(0.1)]
    [TestCase(0.5)]
    [TestCase(1.0)]
    [TestCase(3.0)]
    [TestCase(20.0)]
    public void NextGamma_HasMeanAndVarianceEqualToTheShape(double shape)
    {
        var random = new SeededRandom(2024);
        const int Draws = 100_000;

        var samples = Enumerable.Range(0, Draws).Select(_ => GammaSampler.NextGamma(random, shape)).ToArray();
        var mean = samples.Average();
        var variance = samples.Select(x => (x - mean) * (x - mean)).Average();

        // Four standard errors of the mean (sqrt(shape / Draws)) and a loose bound on the variance.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(samples.Min(), Is.GreaterThanOrEqualTo(0.0));
            Assert.That(mean, Is.EqualTo(shape).Within(4 * Math.Sqrt(shape / Draws)));
            Assert.That(variance, Is.EqualTo(shape).Within(0.05 * shape + 0.01));
        }
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void NextGamma_WhenShapeIsNotPositiveAndFinite_Throws(double shape)
    {
        Assert.That(
            () => GammaSampler.NextGamma(new SeededRandom(1), shape),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("shape"));
    }

    [TestCase(0.001, 10)]
    [TestCase(1.0, 5)]
    [TestCase(100.0, 3)]
    public void NextDirichlet_ReturnsNonNegativeProportionsThatSumToOne(double alpha, int count)
    {
        var random = new SeededRandom(9);

        for (var i = 0; i < 200; i++)
        {
            var proportions = GammaSampler.NextDirichlet(random, alpha, count);

            Assert.That(proportions, Has.Length.EqualTo(count));
            Assert.That(proportions.Min(), Is.GreaterThanOrEqualTo(0.0));
            Assert.That(proportions.Sum(), Is.EqualTo(1.0).Within(1e-12));
        }
    }

    [Test]
    public void NextDirichlet_WithTinyAlpha_PutsAlmostAllMassOnOnePart()
    {
        var random = new SeededRandom(4);

        var largest = Enumerable.Range(0, 100).Select(_ => GammaSampler.NextDirichlet(random, 1e-4, 10).Max()).ToArray();

        Assert.That(largest.Average(), Is.GreaterThan(0.99));
    }
}
