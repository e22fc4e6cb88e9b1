using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
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

    [TestCase(100_003, 1_000)]
    [TestCase(65_541, 700)]
    public void TrySelectBySampling_WhenEveryCandidateHasOneMagnitude_IsExact(int length, int k)
    {
        // 3 % of the coordinates are +-5 (both signs), the rest small: the sampled threshold is 5, so every candidate
        // has the same key and the candidates' key range is empty; the lower indices among them are kept.
        var random = new Random(7);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = random.Next(100) < 3 ? (i % 2 == 0 ? 5f : -5f) : (float)random.NextDouble();
        }

        var indices = new int[k];
        var taken = MagnitudeSelection<int>.TrySelectBySampling(MemoryMarshal.Cast<float, int>(values), k, indices);

        Assert.Multiple(() =>
        {
            Assert.That(taken, Is.True);
            Assert.That(indices, Is.EqualTo(ReferenceTopK.Select<float>(values, k)));
        });
    }

    [TestCase(100_001)]
    [TestCase(100_007)]
    public void TrySelectBySampling_WithNaNInfinitiesAndSignedZerosAmongTheCandidates_IsExact(int length)
    {
        // A length that is no multiple of 8 (the vector loop's tail) and, among the largest, NaNs of several payloads
        // and signs, infinities of both signs and the largest finite floats, near the end of the vector too.
        var values = TopKSelectorTests.LargeVector(0, length, seed: 5);
        float[] specials = [float.NaN, -float.NaN, BitConverter.Int32BitsToSingle(0x7FC00123), float.PositiveInfinity,
            float.NegativeInfinity, float.MaxValue, -float.MaxValue, 0f, -0f];
        for (var j = 0; j < 40; j++)
        {
            values[(j * 2_477) % length] = specials[j % specials.Length];
        }

        values[length - 1] = float.NaN;
        values[length - 2] = float.NegativeInfinity;
        var k = 1_000;
        var indices = new int[k];

        var taken = MagnitudeSelection<int>.TrySelectBySampling(MemoryMarshal.Cast<float, int>(values), k, indices);

        Assert.Multiple(() =>
        {
            Assert.That(taken, Is.True);
            Assert.That(indices, Is.EqualTo(ReferenceTopK.Select<float>(values, k)));
        });
    }

    [Test]
    public void TrySelectBySampling_OnDoubles_IsExact()
    {
        // float64 keys take the scalar gather; the candidates' key range still starts the radix digits.
        var random = new Random(11);
        var values = new double[90_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        values[123] = double.NaN;
        values[89_999] = double.NegativeInfinity;
        var indices = new int[900];

        var taken = MagnitudeSelection<long>.TrySelectBySampling(MemoryMarshal.Cast<double, long>(values), 900, indices);

        Assert.Multiple(() =>
        {
            Assert.That(taken, Is.True);
            Assert.That(indices, Is.EqualTo(ReferenceTopK.Select<double>(values, 900)));
        });
    }

    [Test]
    public void TrySelectBySampling_WithTiesAtTheThreshold_KeepsTheLaterLargerOnesAndTheFirstTies()
    {
        // 3 % of the coordinates tie at 5 and 200 coordinates of 9 sit at the end: k = 200 + 500 keeps every 9 and
        // the first 500 fives, so the count of ties still to keep must run down as the candidates are read.
        var random = new Random(3);
        var values = new float[100_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i >= values.Length - 200 ? 9f : random.Next(100) < 3 ? -5f : (float)random.NextDouble();
        }

        var indices = new int[700];
        var taken = MagnitudeSelection<int>.TrySelectBySampling(MemoryMarshal.Cast<float, int>(values), 700, indices);

        Assert.Multiple(() =>
        {
            Assert.That(taken, Is.True);
            Assert.That(indices, Is.EqualTo(ReferenceTopK.Select<float>(values, 700)));
        });
    }

    [TestCase(10_007, 0.02, 1_000)]
    [TestCase(4_099, 0.3, 100)]
    [TestCase(33, 0.5, 64)]
    [TestCase(50_000, 0.02, 600)]
    public void Gathers_VectorisedAndScalar_GiveTheSameCandidates_AndAllDeclineWhenTheyDoNotFit(int length, double share, int capacity)
    {
        // About share of the coordinates reach the bound, NaNs (with payloads), infinities and signed zeros among them;
        // the smallest capacity makes every gather run out of room (-1), at a block or in the scalar tail.
        var random = new Random(length);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (random.Next(9) == 0 ? -1 : 1) * (random.NextDouble() < share ? 2f + (float)random.NextDouble() : (float)random.NextDouble());
            values[i] = (i % 97) switch
            {
                3 => float.NaN,
                5 => BitConverter.Int32BitsToSingle(unchecked((int)0xFFA00001)),
                7 => float.NegativeInfinity,
                11 => float.NegativeZero,
                _ => values[i],
            };
        }

        var bits = MemoryMarshal.Cast<float, int>(values);
        var keyOf = bits.ToArray().Select(MagnitudeSelection<int>.KeyOf).ToArray();
        var low = BitConverter.SingleToInt32Bits(2f);
        var results = new List<(string Name, int Count, int[] Candidates, int[] Keys)>();
        foreach (var (name, supported) in new[] { ("scalar", true), ("AVX2", Avx2.IsSupported), ("AVX-512", Avx512F.IsSupported) })
        {
            if (!supported)
            {
                continue;
            }

            var candidates = new int[capacity];
            var keys = new int[capacity];
            var count = name switch
            {
                "scalar" => MagnitudeSelection<int>.Gather(bits, low, candidates, keys),
                "AVX2" => MagnitudeSelection<int>.GatherPacked(bits, low, candidates, keys),
                _ => MagnitudeSelection<int>.GatherCompressed(bits, low, candidates, keys),
            };
            results.Add((name, count, candidates.Take(Math.Max(count, 0)).ToArray(), keys.Take(Math.Max(count, 0)).ToArray()));
        }

        var expected = Enumerable.Range(0, length).Where(i => keyOf[i] >= low).ToArray();
        using (Assert.EnterMultipleScope())
        {
            foreach (var (name, count, candidates, keys) in results)
            {
                if (expected.Length > capacity)
                {
                    Assert.That(count, Is.EqualTo(-1), name);
                    continue;
                }

                if (name != "scalar" && expected.Length > capacity - 16)
                {
                    // Fits or not depending on where the room ran out: a vectorised gather needs a whole store's room.
                    Assert.That(count, Is.EqualTo(-1).Or.EqualTo(expected.Length), name);
                    continue;
                }

                Assert.That(candidates, Is.EqualTo(expected), name);
                Assert.That(keys, Is.EqualTo(expected.Select(i => keyOf[i])), name);
            }
        }
    }

    [TestCase(0, 0)]
    [TestCase(1, 1)]
    [TestCase(5, 3)]
    [TestCase(40, 17)]
    [TestCase(40, 0)]
    public void KeepCompressed_GivesTheScalarKeep(int tiesAtThreshold, int tiesKept)
    {
        if (!Avx512F.IsSupported)
        {
            Assert.Ignore("This processor has no AVX-512; the scalar keep runs instead.");
        }

        // 300 candidates: keys above, below and at the threshold, the threshold's ties spread over several blocks.
        var random = new Random(tiesAtThreshold + 31);
        const int threshold = 1_000;
        var keys = Enumerable.Range(0, 300).Select(_ => random.Next(2) == 0 ? threshold + 1 + random.Next(50) : threshold - 1 - random.Next(50)).ToArray();
        foreach (var place in Enumerable.Range(0, tiesAtThreshold).Select(_ => random.Next(keys.Length)).Distinct().ToList())
        {
            keys[place] = threshold;
        }

        var ties = Math.Min(tiesKept, keys.Count(key => key == threshold));
        var candidates = Enumerable.Range(0, keys.Length).Select(c => (3 * c) + 1).ToArray();
        var k = keys.Count(key => key > threshold) + ties;
        var scalar = new int[k];
        var compressed = new int[k];

        MagnitudeSelection<int>.Keep(candidates, keys, threshold, ties, scalar);
        MagnitudeSelection<int>.KeepCompressed(candidates, keys, threshold, ties, compressed);

        var expected = new List<int>();
        var tiesLeft = ties;
        for (var c = 0; c < keys.Length; c++)
        {
            if (keys[c] > threshold || (keys[c] == threshold && tiesLeft-- > 0))
            {
                expected.Add(candidates[c]);
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scalar, Is.EqualTo(expected));
            Assert.That(compressed, Is.EqualTo(expected));
        }
    }
}
