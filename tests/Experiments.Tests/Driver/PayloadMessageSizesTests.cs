using Sasg.Experiments.Driver;
using Sasg.Learning.Encoding;

namespace Sasg.Experiments.Tests.Driver;

[TestFixture]
public sealed class PayloadMessageSizesTests
{
    private const int Dimension = 10;

    // Round 4's uploads: worker 0 sparse {1, 4}, worker 1 sparse {4, 8}, worker 2 did not upload.
    private static Payload<float>? SparseUploads(int round, int worker)
    {
        Assert.That(round, Is.EqualTo(4));
        return worker switch
        {
            0 => Sparse((1, 1f), (4, 2f)),
            1 => Sparse((4, 3f), (8, 1f)),
            _ => null,
        };
    }

    private static Payload<float>? DenseUploads(int round, int worker)
    {
        var payload = new Payload<float>(Dimension);
        var values = payload.SetDense();
        for (var i = 0; i < Dimension; i++)
        {
            values[i] = (worker + 1) * (i - 4.5f);
        }

        return worker < 2 ? payload : null;
    }

    [Test]
    public void Merged_OfSparseUploads_IsTheUnionEncoded()
    {
        var sizes = new PayloadMessageSizes<float>(new SparseCooEncoding(), Dimension, 4 * Dimension, SparseUploads);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sizes.Merged(4, [0, 1]).Bytes, Is.EqualTo(3 * 8), "indices 1, 4, 8");
            Assert.That(sizes.Merged(4, [1]).Bytes, Is.EqualTo(2 * 8));
        }
    }

    [Test]
    public void Merged_OfSparseUploads_UsesTheMethodsEncoding()
    {
        var sizes = new PayloadMessageSizes<float>(new BitmapEncoding(), Dimension, 4 * Dimension, SparseUploads);

        Assert.That(sizes.Merged(4, [0, 1]).Bytes, Is.EqualTo(2 + (3 * 4)), "a 2-byte bitmap of 10 bits and three float32 values");
    }

    [Test]
    public void Merged_OfDenseUploads_IsOneDenseMessage()
    {
        var sizes = new PayloadMessageSizes<float>(new DenseFloat32Encoding(), Dimension, 4 * Dimension, DenseUploads);

        Assert.That(sizes.Merged(0, [0, 1]).Bytes, Is.EqualTo(4 * Dimension));
    }

    [Test]
    public void Merged_OfAWorkerThatDidNotUpload_Throws()
    {
        var sizes = new PayloadMessageSizes<float>(new SparseCooEncoding(), Dimension, 4 * Dimension, SparseUploads);

        Assert.That(() => sizes.Merged(4, [0, 2]), Throws.InvalidOperationException);
    }

    [Test]
    public void Slice_OfASparseUpload_IsTheEncodedEntriesInTheShard_ZeroWhenNone()
    {
        // Shards of 10 over 3: [0, 3), [3, 6), [6, 10).
        var sizes = new PayloadMessageSizes<float>(new SparseCooEncoding(), Dimension, 4 * Dimension, SparseUploads);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sizes.Slice(4, 0, 0, 3).Bytes, Is.EqualTo(8), "index 1");
            Assert.That(sizes.Slice(4, 0, 1, 3).Bytes, Is.EqualTo(8), "index 4");
            Assert.That(sizes.Slice(4, 0, 2, 3).Bytes, Is.Zero);
            Assert.That(sizes.Slice(4, 1, 0, 3).Bytes, Is.Zero);
            Assert.That(sizes.Slice(4, 1, 2, 3).Bytes, Is.EqualTo(8), "index 8");
            Assert.That(sizes.Slice(4, 2, 0, 3).Bytes, Is.Zero, "worker 2 did not upload");
        }
    }

    [Test]
    public void Slice_OfASparseUpload_IsEncodedReBasedToTheSlice()
    {
        // coo-varint writes the count, then the first index itself: 8 re-based to 2 in shard [6, 10) is one byte.
        var sizes = new PayloadMessageSizes<float>(new SparseDeltaVarintEncoding(), Dimension, 4 * Dimension, SparseUploads);

        Assert.That(sizes.Slice(4, 1, 2, 3).Bytes, Is.EqualTo(1 + 1 + 4));
    }

    [Test]
    public void Slice_OfADenseUpload_IsTheSliceDimensionEncoded()
    {
        var sizes = new PayloadMessageSizes<float>(new DenseFloat32Encoding(), Dimension, 4 * Dimension, DenseUploads);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sizes.Slice(0, 0, 0, 3).Bytes, Is.EqualTo(4 * 3));
            Assert.That(sizes.Slice(0, 1, 2, 3).Bytes, Is.EqualTo(4 * 4));
            Assert.That(sizes.Slice(0, 2, 2, 3).Bytes, Is.Zero);
        }
    }

    [Test]
    public void ModelSlice_IsTheShardsShareOfTheModelBytes()
    {
        var sizes = new PayloadMessageSizes<double>(new DenseFloat64Encoding(), Dimension, 8 * Dimension, (_, _) => null);

        Assert.That(Enumerable.Range(0, 3).Select(s => sizes.ModelSlice(s, 3).Bytes), Is.EqualTo(new long[] { 24, 24, 32 }));
    }

    private static Payload<float> Sparse(params (int Index, float Value)[] entries)
    {
        var payload = new Payload<float>(Dimension);
        payload.SetSparse(entries.Length, out var indices, out var values);
        for (var i = 0; i < entries.Length; i++)
        {
            indices[i] = entries[i].Index;
            values[i] = entries[i].Value;
        }

        return payload;
    }
}
