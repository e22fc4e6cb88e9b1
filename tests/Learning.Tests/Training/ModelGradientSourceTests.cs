using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Training;

/// <summary>The gradient at a worker's stale iterate: in the model's second parameter vector, copied by stamp.</summary>
[NonParallelizable]
public sealed class ModelGradientSourceTests
{
    [Test]
    public void GradientAtStale_KeepsTheServersIterateLoaded_AndGivesTheBitsOfAnUnversionedGradient()
    {
        using var fixture = new Fixture(analytic: true);
        var theta = fixture.State.Model.Parameters.ToArray();
        var stale = theta.Select((v, i) => v + (0.2f * MathF.Cos(i))).ToArray();
        fixture.Source.NextBatch();
        fixture.Source.Gradient(theta, 7);
        var atTheta = fixture.Source.Gradient(theta, 7).ToArray();

        var atStale = fixture.Source.GradientAtStale(stale, 42).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fixture.State.Model.Parameters.ToArray(), Is.EqualTo(theta), "the server's iterate stays in the module");
            Assert.That(fixture.Source.Gradient(theta, 7).ToArray(), Is.EqualTo(atTheta));
        }

        var unversioned = fixture.Source.Gradient(stale, -1).ToArray();
        Assert.That(atStale.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(unversioned.Select(BitConverter.SingleToInt32Bits)));
    }

    [Test]
    public void GradientAtStale_CopiesThePointOnlyWhenItsStampIsNew()
    {
        using var fixture = new Fixture(analytic: true);
        var theta = fixture.State.Model.Parameters.ToArray();
        var first = theta.Select(v => v + 0.3f).ToArray();
        var second = theta.Select(v => v - 0.3f).ToArray();
        fixture.Source.NextBatch();
        var atFirst = fixture.Source.GradientAtStale(first, 5).ToArray();

        // One stamp names one point: a caller that broke that rule would get the held point's gradient, which shows
        // that the copy was skipped. A new stamp, or none (-1), copies.
        var sameStamp = fixture.Source.GradientAtStale(second, 5).ToArray();
        var newStamp = fixture.Source.GradientAtStale(second, 6).ToArray();
        var noStamp = fixture.Source.GradientAtStale(first, -1).ToArray();
        var noStampAgain = fixture.Source.GradientAtStale(second, -1).ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sameStamp, Is.EqualTo(atFirst));
            Assert.That(newStamp, Is.Not.EqualTo(atFirst));
            Assert.That(noStamp, Is.EqualTo(atFirst));
            Assert.That(noStampAgain, Is.EqualTo(newStamp));
        }
    }

    [Test]
    public void GradientAtStale_WithoutASecondParameterVector_LoadsThePointIntoTheModule()
    {
        // Autograd cannot evaluate outside the module: the point is loaded as an unversioned gradient loads it.
        using var fixture = new Fixture(analytic: false);
        var stale = fixture.State.Model.Parameters.ToArray().Select(v => v * 0.5f).ToArray();
        fixture.Source.NextBatch();

        var atStale = fixture.Source.GradientAtStale(stale, 3).ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fixture.State.Model.Parameters.ToArray(), Is.EqualTo(stale));
            Assert.That(fixture.State.Model.AsideGradient.ToArray(), Is.EqualTo(atStale));
        }
    }

    [Test]
    public void GradientInto_WritesTheGradientsBitsIntoTheArray_AndLeavesTheModelsGradientAlone()
    {
        using var fixture = new Fixture(analytic: true);
        var theta = fixture.State.Model.Parameters.ToArray();
        var other = theta.Select(v => v * 0.9f).ToArray();
        var dimension = fixture.Source.Dimension;
        fixture.Source.NextBatch();
        var expected = fixture.Source.Gradient(theta, 1).ToArray();
        var atOther = fixture.Source.Gradient(other, 2).ToArray();

        // Twice into one array (its views are kept), then into a longer one: only the first Dimension entries change.
        var first = new float[dimension];
        fixture.Source.GradientInto(theta, 1, first);
        Array.Fill(first, float.NaN);
        fixture.Source.GradientInto(theta, 1, first);
        var longer = Enumerable.Repeat(7f, dimension + 3).ToArray();
        fixture.Source.GradientInto(theta, 1, longer);

        // Back to the first array (payloads lent from a pool alternate like this): its views are made again.
        Array.Fill(first, float.NaN);
        fixture.Source.GradientInto(theta, 1, first);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(expected.Select(BitConverter.SingleToInt32Bits)));
            Assert.That(longer.Take(dimension), Is.EqualTo(expected));
            Assert.That(longer.Skip(dimension), Is.All.EqualTo(7f));
            Assert.That(fixture.State.Model.Gradient.ToArray(), Is.EqualTo(atOther), "the model's own gradient is the last one computed there");
        }
    }

    [Test]
    public void GradientInto_WithoutAnAnalyticGradient_CopiesTheModelsGradient()
    {
        using var fixture = new Fixture(analytic: false);
        var theta = fixture.State.Model.Parameters.ToArray();
        fixture.Source.NextBatch();
        var expected = fixture.Source.Gradient(theta, 1).ToArray();
        var destination = new float[fixture.Source.Dimension];

        fixture.Source.GradientInto(theta, 1, destination);

        Assert.That(destination, Is.EqualTo(expected));
    }

    private sealed class Fixture : IDisposable
    {
        private readonly TensorData _data;
        private readonly MinibatchSampler _sampler;

        public Fixture(bool analytic)
        {
            manual_seed(8);
            State = new ModelState<float>(new FlatModel<float>(new Mlp([4, 6, 3]), useAnalyticGradient: analytic));
            var random = new Random(2);
            var features = Enumerable.Range(0, 20 * 4).Select(_ => random.NextDouble() - 0.5).ToArray();
            var labels = Enumerable.Range(0, 20).Select(i => i % 3).ToArray();
            _data = new TensorData(new Dataset("w", 20, [4], features, labels, 3, null), ScalarType.Float32, TargetKind.ClassLabels);
            _sampler = new MinibatchSampler(_data, 5, seed: 1);
            Source = new ModelGradientSource<float>(State, _data, _sampler);
        }

        public ModelState<float> State { get; }

        public ModelGradientSource<float> Source { get; }

        public void Dispose()
        {
            Source.Dispose();
            _sampler.Dispose();
            _data.Dispose();
            State.Model.Dispose();
        }
    }
}
