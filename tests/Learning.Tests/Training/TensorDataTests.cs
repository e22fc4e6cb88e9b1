using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.Learning.Training;
using static TorchSharp.torch;

namespace Sasg.Learning.Tests.Training;

/// <summary>A worker's tensors: minibatch rows come from its dataset with the bits of its features tensor, which is
/// made only when something reads it.</summary>
[NonParallelizable]
public sealed class TensorDataTests
{
    [TestCase(ScalarType.Float32)]
    [TestCase(ScalarType.Float64)]
    [TestCase(ScalarType.Float16)]
    public void GatherFeatures_OfAShardOfImageCodes_HasTheBitsOfTheSameShardOfDoubles(ScalarType dtype)
    {
        // A shard (row view) of a dataset of byte codes, normalised as MNIST is (the way Fashion-MNIST reaches a
        // worker), against the same shard of a dataset holding the same values as doubles, gathered by index_select.
        var (codes, doubles) = Images();
        using var fromCodes = new TensorData(codes.Subset([11, 3, 5, 0, 8]), dtype, TargetKind.ClassLabels);
        using var fromDoubles = new TensorData(doubles.Subset([11, 3, 5, 0, 8]), dtype, TargetKind.ClassLabels);
        long[] rows = [4, 0, 4, 2];
        using var gathered = empty([rows.Length, 6], dtype: dtype);

        fromCodes.GatherFeatures(rows, gathered);
        var madeByTheGather = fromCodes.HasFeatures;
        using var scope = NewDisposeScope();
        var expected = fromDoubles.Features.index_select(0, tensor(rows));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(madeByTheGather, Is.EqualTo(dtype == ScalarType.Float16), "float32 and float64 rows need no features tensor");
            Assert.That(gathered.bytes.ToArray(), Is.EqualTo(expected.contiguous().bytes.ToArray()));
        }
    }

    [Test]
    public void GatherFeatures_IntoATensorOfAnotherDTypeOrSize_Throws()
    {
        var (codes, _) = Images();
        using var data = new TensorData(codes, ScalarType.Float32, TargetKind.ClassLabels);
        using var doubles = empty([2, 6], dtype: ScalarType.Float64);
        using var small = empty([1, 6], dtype: ScalarType.Float32);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => data.GatherFeatures([0, 1], doubles), Throws.ArgumentException.With.Message.Contains("Float64"));
            Assert.That(() => data.GatherFeatures([0, 1], small), Throws.ArgumentException.With.Message.Contains("2 x 6"));
        }
    }

    [Test]
    public void Features_AreMadeAtTheFirstRead_AndDisposedWithTheData()
    {
        var data = new TensorData(new Dataset("d", 3, [2], [1, 2, 3, 4, 5, 6], [0, 1, 0], 2, null), ScalarType.Float32, TargetKind.ClassLabels);
        var before = data.HasFeatures;
        var features = data.Features;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Is.False);
            Assert.That(data.Features, Is.SameAs(features), "made once");
            Assert.That(features.data<float>().ToArray(), Is.EqualTo(new float[] { 1, 2, 3, 4, 5, 6 }));
        }

        data.Dispose();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(features.IsInvalid, Is.True);
            Assert.That(() => data.Features, Throws.InstanceOf<ObjectDisposedException>());
        }
    }

    // Twelve images of six pixels as byte codes normalised as MNIST is, and the same values as doubles.
    internal static (Dataset Codes, Dataset Doubles) Images()
    {
        var codes = Enumerable.Range(0, 12 * 6).Select(i => (byte)((i * 53) + 7)).ToArray();
        var table = Enumerable.Range(0, 256).Select(p => p / 255.0).ToArray();
        var labels = Enumerable.Range(0, 12).Select(i => i % 4).ToArray();
        var fromCodes = Normalization.MnistInPlace(Dataset.OfCodes("images", 12, [6], codes, table, labels, 4));
        var fromDoubles = Normalization.MnistInPlace(new Dataset("images", 12, [6], codes.Select(c => table[c]).ToArray(), labels.ToArray(), 4, null));
        return (fromCodes, fromDoubles);
    }
}
