using Sasg.Learning.Data;

namespace Sasg.Learning.Tests.Data;

/// <summary>A subset reads its source's rows until something asks for its own feature array, and then behaves as the
/// copy it always was.</summary>
public sealed class DatasetSubsetTests
{
    [Test]
    public void Subset_HasTheRowsLabelsAndFeaturesOfACopy_InIndexOrder_WithRepeats()
    {
        var source = Source();
        var subset = source.Subset([3, 0, 3, 2], "part");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(subset.Count, Is.EqualTo(4));
            Assert.That(subset.Name, Is.EqualTo("part"));
            Assert.That(subset.Labels, Is.EqualTo(new[] { 1, 0, 1, 0 }));
            Assert.That(subset.Row(1).ToArray(), Is.EqualTo(new[] { 0.0, 0.5, 1.0 }));
            Assert.That(subset.Features, Is.EqualTo(new[] { 9.0, 9.5, 10.0, 0.0, 0.5, 1.0, 9.0, 9.5, 10.0, 6.0, 6.5, 7.0 }));
        }
    }

    [Test]
    public void SubsetOfASubset_PicksTheRightRows_BeforeAndAfterTheFirstHasItsOwnArray()
    {
        var source = Source();
        var first = source.Subset([3, 1, 2]);
        var viaView = first.Subset([2, 0]);
        _ = first.Features;
        var viaArray = first.Subset([2, 0]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(viaView.Features, Is.EqualTo(new[] { 6.0, 6.5, 7.0, 9.0, 9.5, 10.0 }));
            Assert.That(viaArray.Features, Is.EqualTo(viaView.Features));
        }
    }

    [Test]
    public void WritingASubsetsFeatures_LeavesTheSourceAndOtherSubsetsAlone()
    {
        var source = Source();
        var a = source.Subset([0, 1]);
        var b = source.Subset([0, 1]);

        a.Features[0] = 42;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.Row(0)[0], Is.EqualTo(42));
            Assert.That(source.Row(0)[0], Is.Zero);
            Assert.That(b.Row(0)[0], Is.Zero);
            Assert.That(b.Features[0], Is.Zero);
        }
    }

    [Test]
    public void CopyFeaturesTo_Float_RoundsEachValueAsACast_WithoutMakingTheSubsetsArray()
    {
        var source = new Dataset("s", 2, [2], [0.1, 1e-40, 3.0000001, -2.5], [0, 1], 2, null);
        var subset = source.Subset([1, 0]);
        var floats = new float[4];
        var doubles = new double[4];

        subset.CopyFeaturesTo(floats);
        subset.CopyFeaturesTo(doubles);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(floats, Is.EqualTo(new[] { (float)3.0000001, (float)-2.5, (float)0.1, (float)1e-40 }));
            Assert.That(doubles, Is.EqualTo(new[] { 3.0000001, -2.5, 0.1, 1e-40 }));
            Assert.That(() => subset.CopyFeaturesTo(new float[3]), Throws.InstanceOf<ArgumentOutOfRangeException>());
        }
    }

    [Test]
    public void CopyFeaturesTo_Float_OfLongRows_HasEveryCastsBits()
    {
        // Rows long enough for the vector path, with values that round (and subnormals, infinities and NaN).
        var random = new Random(5);
        var features = Enumerable.Range(0, 3 * 787).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-45, 40))).ToArray();
        features[5] = double.NaN;
        features[6] = double.PositiveInfinity;
        features[7] = 1e300;
        var source = new Dataset("s", 3, [787], features, [0, 1, 0], 2, null);
        var floats = new float[features.Length];

        source.Subset([0, 1, 2]).CopyFeaturesTo(floats);

        Assert.That(floats.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(features.Select(x => BitConverter.SingleToInt32Bits((float)x))));
    }

    [Test]
    public void Subset_OutsideTheSource_Throws()
    {
        Assert.That(() => Source().Subset([4]), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ASubsetWithItsOwnArray_NoLongerHoldsItsSource()
    {
        var (subset, source) = SubsetOfACollectableSource();
        _ = subset.Features;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.That(source.TryGetTarget(out _), Is.False);
    }

    // Rows i = (3i, 3i + 0.5, 3i + 1), labels i % 2.
    private static Dataset Source() =>
        new("s", 4, [3], Enumerable.Range(0, 4).SelectMany(i => new[] { 3.0 * i, (3.0 * i) + 0.5, (3.0 * i) + 1 }).ToArray(), [0, 1, 0, 1], 2, null);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (Dataset Subset, WeakReference<Dataset> Source) SubsetOfACollectableSource()
    {
        var source = Source();
        return (source.Subset([1, 2]), new WeakReference<Dataset>(source));
    }
}
