using System.Runtime.InteropServices;
using Sasg.Learning.Sparsification;

namespace Sasg.Learning.Tests.Sparsification;

public sealed class MagnitudeSelectionTests
{
    [Test]
    public void TrySelectBySampling_OnGradientLikeVectors_SucceedsOnRepeatedCalls()
    {
        // The fast path must not silently degrade to the full radix selection once scratch buffers are reused.
        var first = TopKSelectorTests.LargeVector(0, 407_050, seed: 41);
        var second = TopKSelectorTests.LargeVector(0, 200_000, seed: 43);
        var indices = new int[4_070];

        var results = new[]
        {
            MagnitudeSelection<int>.TrySelectBySampling(MemoryMarshal.Cast<float, int>(first), 4_070, indices),
            MagnitudeSelection<int>.TrySelectBySampling(MemoryMarshal.Cast<float, int>(second), 2_000, indices),
            MagnitudeSelection<int>.TrySelectBySampling(MemoryMarshal.Cast<float, int>(first), 4_070, indices),
        };

        Assert.That(results, Is.All.True);
    }

    [Test]
    public void TrySelectBySampling_OnAllZeros_DeclinesSoTheRadixPathRuns()
    {
        var zeros = new float[100_000];

        var taken = MagnitudeSelection<int>.TrySelectBySampling(MemoryMarshal.Cast<float, int>(zeros), 100, new int[100]);

        Assert.That(taken, Is.False);
    }
}
