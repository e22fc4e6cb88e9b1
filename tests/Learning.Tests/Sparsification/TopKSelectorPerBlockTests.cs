using Sasg.Learning.Encoding;
using Sasg.Learning.Sparsification;
using Sasg.Learning.Training;

namespace Sasg.Learning.Tests.Sparsification;

public sealed class TopKSelectorPerBlockTests
{
    private static readonly ParameterBlock[] MlpBlocks =
    [
        new("layers.0.weight", 0, 401_408),
        new("layers.0.bias", 401_408, 512),
        new("layers.2.weight", 401_920, 5_120),
        new("layers.2.bias", 407_040, 10),
    ];

    [Test]
    public void SelectPerBlock_OnMlp784_512_10_Keeps4071EntriesPerTensor()
    {
        var vector = TopKSelectorTests.LargeVector(0, 407_050, seed: 23);
        var payload = new Payload<float>(vector.Length);

        var kept = TopKSelector.SelectPerBlock<float>(vector, MlpBlocks, payload);

        var indices = payload.Indices.AsSpan(0, payload.Count).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(kept, Is.EqualTo(4_071));
            Assert.That(payload.Kind, Is.EqualTo(PayloadKind.Sparse));
            Assert.That(payload.Count, Is.EqualTo(4_071));
            Assert.That(MlpBlocks.Select(b => indices.Count(i => i >= b.Offset && i < b.Offset + b.Length)),
                Is.EqualTo(new[] { 4_014, 5, 51, 1 }));
            Assert.That(indices, Is.Ordered.Ascending);
        }
    }

    [Test]
    public void SelectPerBlock_EqualsReferenceTopKOfEachBlockWithItsValues()
    {
        var vector = TopKSelectorTests.LargeVector(2, 407_050, seed: 29);
        var payload = new Payload<float>(vector.Length);

        TopKSelector.SelectPerBlock<float>(vector, MlpBlocks, 0.01, payload);

        var expected = MlpBlocks
            .SelectMany(b => ReferenceTopK.Select<float>(vector.AsSpan(b.Offset, b.Length), TopKSelector.KFor(b.Length, 0.01))
                .Select(i => i + b.Offset))
            .ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(payload.Indices.AsSpan(0, payload.Count).ToArray(), Is.EqualTo(expected));
            Assert.That(payload.Values.AsSpan(0, payload.Count).ToArray(), Is.EqualTo(expected.Select(i => vector[i])));
        }
    }

    [Test]
    public void SelectPerBlock_WithOverlappingBlocks_Throws()
    {
        ParameterBlock[] blocks = [new("a", 0, 10), new("b", 5, 10)];

        Assert.That(
            () => TopKSelector.SelectPerBlock<float>(new float[15], blocks, new Payload<float>(15)),
            Throws.ArgumentException);
    }

    [Test]
    public void SelectPerBlock_WithPayloadOfOtherDimension_Throws()
    {
        ParameterBlock[] blocks = [new("a", 0, 10)];

        Assert.That(
            () => TopKSelector.SelectPerBlock<float>(new float[10], blocks, new Payload<float>(11)),
            Throws.ArgumentException);
    }

    [Test]
    public void SelectPerBlock_InSteadyState_AllocatesNothing()
    {
        var vector = TopKSelectorTests.LargeVector(0, 407_050, seed: 31);
        var payload = new Payload<float>(vector.Length);
        TopKSelector.SelectPerBlock<float>(vector, MlpBlocks, payload);

        var before = GC.GetAllocatedBytesForCurrentThread();
        TopKSelector.SelectPerBlock<float>(vector, MlpBlocks, payload);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }
}
