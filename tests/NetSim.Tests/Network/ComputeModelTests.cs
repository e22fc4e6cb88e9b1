using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class ComputeModelTests
{
    [Test]
    public void Duration_MultipliesCostByTheWorkersFactor()
    {
        var model = new ComputeModel([1.0, 2.5]);

        var durations = new[] { model.Duration(0, SimTime.FromMicroseconds(10)), model.Duration(1, SimTime.FromMicroseconds(10)) };

        Assert.That(durations.Select(d => d.Nanoseconds), Is.EqualTo(new long[] { 10_000, 25_000 }));
    }

    [Test]
    public void Duration_WithTheSameSeed_IsIdentical_AndDiffersAcrossSeedsAndWorkers()
    {
        var noise = StragglerNoise.LogNormal(-0.125, 0.5);
        var a = new ComputeModel([1.0, 1.0], noise, seed: 42);
        var b = new ComputeModel([1.0, 1.0], noise, seed: 42);
        var c = new ComputeModel([1.0, 1.0], noise, seed: 43);
        var cost = SimTime.FromMilliseconds(1);

        var fromA = Enumerable.Range(0, 20).Select(i => a.Duration(i % 2, cost).Nanoseconds).ToArray();
        var fromB = Enumerable.Range(0, 20).Select(i => b.Duration(i % 2, cost).Nanoseconds).ToArray();
        var fromC = Enumerable.Range(0, 20).Select(i => c.Duration(i % 2, cost).Nanoseconds).ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fromB, Is.EqualTo(fromA));
            Assert.That(fromC, Is.Not.EqualTo(fromA));
            Assert.That(fromA.Where((_, i) => i % 2 == 0), Is.Not.EqualTo(fromA.Where((_, i) => i % 2 == 1)));
        }
    }

    [Test]
    public void Uniform_SamplesStayWithinTheBounds()
    {
        var model = ComputeModel.Uniform(1, StragglerNoise.Uniform(1.0, 1.5), seed: 7);

        var samples = Enumerable.Range(0, 1_000).Select(_ => model.Duration(0, SimTime.FromSeconds(1)).Nanoseconds).ToArray();

        Assert.That(samples, Is.All.InRange(1_000_000_000L, 1_500_000_000L));
    }

    [TestCase("lognormal(0,0.25)", "lognormal(0,0.25)")]
    [TestCase("uniform(0.5, 2)", "uniform(0.5,2)")]
    [TestCase("constant(3)", "constant(3)")]
    public void StragglerNoise_Parse_ReadsNamedDistributions(string text, string description)
    {
        Assert.That(StragglerNoise.Parse(text).Description, Is.EqualTo(description));
    }

    [TestCase("pareto(1,2)")]
    [TestCase("uniform(2,1)")]
    [TestCase("lognormal(0)")]
    public void StragglerNoise_Parse_WhenUnknownOrBad_ThrowsNamingTheField(string text)
    {
        Assert.That(() => StragglerNoise.Parse(text), Throws.ArgumentException.With.Property("ParamName").EqualTo("text"));
    }

    [Test]
    public void Constructor_WithNaNFactor_ThrowsNamingTheField()
    {
        Assert.That(
            () => new ComputeModel([1.0, double.NaN]),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("computeFactors"));
    }

    [Test]
    public void SeededRandom_StreamsDependOnlyOnSeedAndName()
    {
        var a = new SeededRandom(1, "compute/0");
        var b = new SeededRandom(1, "compute/0");
        var c = new SeededRandom(1, "compute/1");

        var fromA = Enumerable.Range(0, 8).Select(_ => a.NextUInt64()).ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Enumerable.Range(0, 8).Select(_ => b.NextUInt64()), Is.EqualTo(fromA));
            Assert.That(Enumerable.Range(0, 8).Select(_ => c.NextUInt64()), Is.Not.EqualTo(fromA));
        }
    }
}
