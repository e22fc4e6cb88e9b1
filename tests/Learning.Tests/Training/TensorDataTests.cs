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
    public void GatherFeatures_OfAShardOfImageCodes_HasTheBitsOfIndexSelect(ScalarType dtype)
    {
        // A shard (row view) of a dataset of byte codes, normalised as MNIST is: the way Fashion-MNIST reaches a worker.
        var codes = Enumerable.Range(0, 12 * 6).Select(i => (byte)((i * 53) + 7)).ToArray();
        var source = Dataset.OfCodes("images", 12, [6], codes, Enumerable.Range(0, 256).Select(p => p / 255.0).ToArray(),
            Enumerable.Range(0, 12).Select(i => i % 4).ToArray(), 4);
        Normalization.MnistInPlace(source);
        var shard = source.Subset([11, 3, 5, 0, 8]);
        using var data = new TensorData(shard, dtype, TargetKind.ClassLabels);
        long[] rows = [4, 0, 4, 2];
        using var gathered = empty([rows.Length, 6], dtype: dtype);

        data.GatherFeatures(rows, gathered);
        var madeByTheGather = data.HasFeatures;
        using var scope = NewDisposeScope();
        var expected = data.Features.index_select(0, tensor(rows));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(madeByTheGather, Is.EqualTo(dtype == ScalarType.Float16), "float32 and float64 rows need no features tensor");
            Assert.That(gathered.bytes.ToArray(), Is.EqualTo(expected.contiguous().bytes.ToArray()));
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
}
