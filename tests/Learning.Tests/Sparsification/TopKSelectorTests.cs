using Sasg.Learning.Sparsification;

// FsCheck supplies the arguments of [Property] methods; NUnit.Analyzers only knows NUnit's own sources.
#pragma warning disable NUnit1027

namespace Sasg.Learning.Tests.Sparsification;

public sealed class TopKSelectorTests
{
    [FsCheck.NUnit.Property(Replay = "20251201,1", MaxTest = 500)]
    public bool Select_OnFewDistinctMagnitudes_EqualsReference(sbyte[] raw, int kSeed)
    {
        // Quarter steps of a small range: many ties, zeros of both signs and negative values.
        var values = raw.Select(b => (b % 9) / 4f * (b % 2 == 0 ? 1 : -1)).ToArray();
        var k = values.Length == 0 ? 0 : (int)((uint)kSeed % (uint)(values.Length + 1));

        return SelectsAsReference(values, k);
    }

    [FsCheck.NUnit.Property(Replay = "20251201,5", MaxTest = 500)]
    public bool Select_OnArbitraryFloats_EqualsReference(float[] values, int kSeed)
    {
        var k = values.Length == 0 ? 0 : (int)((uint)kSeed % (uint)(values.Length + 1));

        return SelectsAsReference(values, k);
    }

    [FsCheck.NUnit.Property(Replay = "20251201,3", MaxTest = 300)]
    public bool Select_OnArbitraryDoubles_EqualsReference(double[] values, int kSeed)
    {
        var k = values.Length == 0 ? 0 : (int)((uint)kSeed % (uint)(values.Length + 1));

        return SelectsAsReference(values, k);
    }

    [FsCheck.NUnit.Property(Replay = "20251201,7", MaxTest = 300)]
    public bool Select_AtEdgeKs_EqualsReference(sbyte[] raw)
    {
        var values = raw.Select(b => (b % 5) * 0.5f).ToArray();
        int[] ks = [0, 1, values.Length - 1, values.Length];

        return ks.Where(k => k >= 0 && k <= values.Length).All(k => SelectsAsReference(values, k));
    }

    [FsCheck.NUnit.Property(Replay = "20251201,9", MaxTest = 40)]
    public bool Select_OnLargeSeededVectors_EqualsReference(int seed, byte shape, ushort kRaw)
    {
        // Long enough for the sampling path; k from 0 up to a tenth of the vector.
        var values = LargeVector(shape % 5, 40_000 + (kRaw % 7_000), seed);
        var k = kRaw % (values.Length / 10);

        return SelectsAsReference(values, k);
    }

    [TestCase(0, 1)]
    [TestCase(1, 4_071)]
    [TestCase(2, 400)]
    [TestCase(3, 9_000)]
    [TestCase(4, 40)]
    public void Select_OnLargeVectors_EqualsReferenceOnEverySelectionPath(int shape, int k)
    {
        var values = LargeVector(shape, 100_000, seed: 17 + shape);

        var actual = new int[k];
        TopKSelector.Select<float>(values, k, actual);

        Assert.That(actual, Is.EqualTo(ReferenceTopK.Select<float>(values, k)));
    }

    [TestCase(0, 1_000)]
    [TestCase(2, 3_000)]
    public void Select_OnLargeDoubleVectors_EqualsReference(int shape, int k)
    {
        var values = LargeVector(shape, 60_000, seed: 5).Select(v => (double)v * 1.000001).ToArray();

        var actual = new int[k];
        TopKSelector.Select<double>(values, k, actual);

        Assert.That(actual, Is.EqualTo(ReferenceTopK.Select<double>(values, k)));
    }

    [Test]
    public void Select_OnHalfValues_EqualsReference()
    {
        var values = LargeVector(0, 5_000, seed: 3).Select(v => (Half)v).ToArray();

        var actual = new int[50];
        TopKSelector.Select<Half>(values, 50, actual);

        Assert.That(actual, Is.EqualTo(ReferenceTopK.Select<Half>(values, 50)));
    }

    [Test]
    public void Select_WithNaN_RanksNaNAboveInfinityAndTiesNaNsByLowerIndex()
    {
        float[] values = [1f, float.NaN, float.PositiveInfinity, -float.NaN, 3f, float.NegativeInfinity];
        var indices = new int[3];

        TopKSelector.Select<float>(values, 3, indices);

        Assert.That(indices, Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void Select_WithTies_KeepsTheLowerIndices()
    {
        float[] values = [0.5f, -2f, 2f, 1f, -2f, 2f];
        var indices = new int[3];

        TopKSelector.Select<float>(values, 3, indices);

        Assert.That(indices, Is.EqualTo(new[] { 1, 2, 4 }));
    }

    [Test]
    public void Select_WithKAboveLength_Throws()
    {
        var indices = new int[4];

        Assert.That(() => TopKSelector.Select<float>(new float[3], 4, indices), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Select_WithTooFewIndexSlots_Throws()
    {
        var indices = new int[1];

        Assert.That(() => TopKSelector.Select<float>(new float[3], 2, indices), Throws.ArgumentException);
    }

    [Test]
    public void Select_InSteadyState_AllocatesNothing()
    {
        var values = LargeVector(0, 407_050, seed: 11);
        var indices = new int[4_070];
        TopKSelector.Select<float>(values, 4_070, indices);
        TopKSelector.Select<float>(values.AsSpan(0, 5_000), 50, indices);

        var before = GC.GetAllocatedBytesForCurrentThread();
        TopKSelector.Select<float>(values, 4_070, indices);
        TopKSelector.Select<float>(values.AsSpan(0, 5_000), 50, indices);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }

    [TestCase(10, 0.01, 1)]
    [TestCase(401_408, 0.01, 4_014)]
    [TestCase(0, 0.01, 0)]
    [TestCase(100, 1.0, 100)]
    public void KFor_IsMaxOfOneAndFloorOfFractionTimesLength(int length, double fraction, int expected)
    {
        Assert.That(TopKSelector.KFor(length, fraction), Is.EqualTo(expected));
    }

    internal static bool SelectsAsReference<T>(T[] values, int k)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var actual = new int[k];
        var returned = TopKSelector.Select<T>(values, k, actual);
        return returned == k && actual.SequenceEqual(ReferenceTopK.Select<T>(values, k));
    }

    /// <summary>Seeded test vectors: 0 gradient-like normals, 1 all zeros, 2 a few distinct magnitudes (heavy ties at
    /// the threshold), 3 mostly zeros with a sparse tail, 4 ascending ramp (worst case for strided sampling).</summary>
    internal static float[] LargeVector(int shape, int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = shape switch
            {
                0 => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())),
                1 => 0f,
                2 => random.Next(-3, 4) * 0.25f,
                3 => random.Next(50) == 0 ? (float)random.NextDouble() - 0.5f : 0f,
                _ => i * 1e-3f,
            };
        }

        return values;
    }
}
