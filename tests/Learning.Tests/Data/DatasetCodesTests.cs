using Sasg.Learning.Data;

namespace Sasg.Learning.Tests.Data;

/// <summary>A dataset of byte codes (an image file's pixels) gives, in every way it is read, the bits of the dataset of
/// doubles it stands for, and makes those doubles only when something asks for its array.</summary>
public sealed class DatasetCodesTests
{
    // Pixel values p / 255, as IdxReader decodes them, and a table with edge cases (-0, subnormal, infinities, NaN).
    private static readonly double[] Pixels = Enumerable.Range(0, 256).Select(p => p / 255.0).ToArray();
    private static readonly double[] Odd = Enumerable.Range(0, 256)
        .Select(p => p switch { 0 => -0.0, 1 => 1e-310, 2 => double.PositiveInfinity, 3 => double.NegativeInfinity, 4 => double.NaN, 5 => 1e300, _ => (p * 0.377) - 40 })
        .ToArray();

    [TestCase(false)]
    [TestCase(true)]
    public void EveryRead_HasTheBitsOfTheDatasetOfDoubles(bool odd)
    {
        var table = odd ? Odd : Pixels;
        var (codes, doubles) = Pair(table, count: 7, width: 5);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Floats(codes), Is.EqualTo(Floats(doubles)), "CopyFeaturesTo(float)");
            Assert.That(Doubles(codes), Is.EqualTo(Doubles(doubles)), "CopyFeaturesTo(double)");
            Assert.That(codes.HoldsDoubles, Is.False, "the copies decode the bytes where they lie");
            Assert.That(Floats(codes.Subset([6, 0, 6, 3])), Is.EqualTo(Floats(doubles.Subset([6, 0, 6, 3]))), "a subset");
            Assert.That(Floats(codes.Subset([3, 1]).Subset([1])), Is.EqualTo(Floats(doubles.Subset([3, 1]).Subset([1]))), "a subset of a subset");
            Assert.That(codes.HoldsDoubles, Is.False);
            Assert.That(Bits(codes.Row(2).ToArray()), Is.EqualTo(Bits(doubles.Row(2).ToArray())), "Row");
            Assert.That(Bits(codes.Features), Is.EqualTo(Bits(doubles.Features)), "Features");
            Assert.That(codes.HoldsDoubles, Is.True, "Row and Features make the array");
            Assert.That(Floats(codes), Is.EqualTo(Floats(doubles)), "after the array is made");
        }
    }

    // A prefetch is a hint to the processor: any rows, of codes, doubles or views, in range or not, change nothing.
    [Test]
    public void PrefetchRows_OfAnyRows_ChangesNothingAndThrowsNothing()
    {
        var (codes, doubles) = Pair(Odd, count: 7, width: 5);
        var view = codes.Subset([6, 0, 6, 3]);
        var (codesBefore, doublesBefore, viewBefore) = (Floats(codes), Floats(doubles), Floats(view));
        long[] rows = [6, 0, 6, -1, 7, long.MaxValue, long.MinValue, 3];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => codes.PrefetchRows(rows), Throws.Nothing, "codes");
            Assert.That(() => doubles.PrefetchRows(rows), Throws.Nothing, "doubles");
            Assert.That(() => view.PrefetchRows(rows), Throws.Nothing, "a view of codes");
            Assert.That(() => doubles.Subset([2]).PrefetchRows(rows), Throws.Nothing, "a view of doubles");
            Assert.That(() => codes.PrefetchRows([]), Throws.Nothing, "no rows");
            Assert.That(Floats(codes), Is.EqualTo(codesBefore));
            Assert.That(Floats(doubles), Is.EqualTo(doublesBefore));
            Assert.That(Floats(view), Is.EqualTo(viewBefore));
            Assert.That(codes.HoldsDoubles, Is.False, "a prefetch makes no array");
        }
    }

    [Test]
    public void MnistInPlace_MapsTheTable_WithTheBitsOfMappingEveryFeature()
    {
        var (codes, doubles) = Pair(Pixels, count: 9, width: 4);
        var view = codes.Subset([8, 1]);

        Normalization.MnistInPlace(codes);
        Normalization.MnistInPlace(doubles);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(codes.HoldsDoubles, Is.False, "normalised without making the doubles");
            Assert.That(Floats(codes), Is.EqualTo(Floats(doubles)));
            Assert.That(Doubles(codes), Is.EqualTo(Doubles(doubles)));
            Assert.That(Floats(view), Is.EqualTo(Floats(doubles.Subset([8, 1]))), "a view taken before reads the new values, as of an array changed in place");
        }

        // Once the array is made, the array is normalised (a second time here), as for any dataset of doubles.
        _ = codes.Features;
        Normalization.MnistInPlace(codes);
        Normalization.MnistInPlace(doubles);
        Assert.That(Doubles(codes), Is.EqualTo(Doubles(doubles)));
    }

    [Test]
    public void OfCodes_RejectsATableThatIsNot256Values_AndCodesOfTheWrongLength()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => Dataset.OfCodes("d", 2, [3], new byte[6], new double[255], [0, 1], 2),
                Throws.ArgumentException.With.Message.Contains("256 values, not 255"));
            Assert.That(() => Dataset.OfCodes("d", 2, [3], new byte[5], Pixels, [0, 1], 2),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("codes"));
            Assert.That(() => Dataset.OfCodes("d", 2, [3], new byte[6], Pixels, [0, 2], 2),
                Throws.ArgumentException.With.Message.Contains("label 2 of sample 1"));
        }
    }

    [Test]
    public void RowsOfOneSource_OfShards_IsOneSubsetOfTheirSource_UpToTheLimit()
    {
        var (codes, doubles) = Pair(Pixels, count: 10, width: 3);
        Dataset[] shards = [codes.Subset([4, 2]), codes.Subset([9, 0, 7]), codes.Subset([1])];

        var union = Dataset.RowsOfOneSource(shards, limit: 4, "train")!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(union.Name, Is.EqualTo("train"));
            Assert.That(union.Count, Is.EqualTo(4));
            Assert.That(union.Labels, Is.EqualTo(new[] { 4 % 3, 2 % 3, 9 % 3, 0 }));
            Assert.That(Floats(union), Is.EqualTo(Floats(doubles.Subset([4, 2, 9, 0]))));
            Assert.That(codes.HoldsDoubles, Is.False);
            Assert.That(Floats(Dataset.RowsOfOneSource([codes, codes.Subset([3])], int.MaxValue, "t")!),
                Is.EqualTo(Floats(doubles.Subset([.. Enumerable.Range(0, 10), 3]))), "a dataset is its own source");
        }
    }

    [Test]
    public void RowsOfOneSource_OfPartsWithDifferentSources_IsNull()
    {
        var (codes, doubles) = Pair(Pixels, count: 4, width: 2);
        var own = codes.Subset([1, 2]);
        _ = own.Features;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Dataset.RowsOfOneSource([codes.Subset([0]), doubles.Subset([1])], int.MaxValue, "t"), Is.Null);
            Assert.That(Dataset.RowsOfOneSource([codes.Subset([0]), own], int.MaxValue, "t"), Is.Null, "a subset with its own array");
        }
    }

    // A dataset of codes and the dataset of doubles it stands for; labels are the sample index mod 3.
    private static (Dataset Codes, Dataset Doubles) Pair(double[] table, int count, int width)
    {
        var codes = Enumerable.Range(0, count * width).Select(i => (byte)((i * 37) + 3)).ToArray();
        var labels = Enumerable.Range(0, count).Select(i => i % 3).ToArray();
        return (
            Dataset.OfCodes("codes", count, [width], codes, table, labels, 3),
            new Dataset("doubles", count, [width], codes.Select(c => table[c]).ToArray(), labels.ToArray(), 3, null));
    }

    private static int[] Floats(Dataset data)
    {
        var values = new float[data.Count * data.FeatureCount];
        data.CopyFeaturesTo(values);
        return values.Select(BitConverter.SingleToInt32Bits).ToArray();
    }

    private static long[] Doubles(Dataset data)
    {
        var values = new double[data.Count * data.FeatureCount];
        data.CopyFeaturesTo(values);
        return Bits(values);
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
