using Sasg.Learning.Encoding;

namespace Sasg.Learning.Tests.Encoding;

public sealed class PayloadTopologyTests
{
    [TestCase(10, 3, new[] { 0, 3, 6, 10 })]
    [TestCase(7, 7, new[] { 0, 1, 2, 3, 4, 5, 6, 7 })]
    [TestCase(5, 1, new[] { 0, 5 })]
    public void ShardRange_IsFloorOfSDOverS(int dimension, int shards, int[] bounds)
    {
        var ranges = Enumerable.Range(0, shards).Select(s => PayloadTopology.ShardRange(dimension, s, shards)).ToArray();

        Assert.That(ranges, Is.EqualTo(bounds.Zip(bounds.Skip(1)).Select(b => (b.First, b.Second)).ToArray()));
    }

    [Test]
    public void Merge_OfSparsePayloads_IsTheUnionWithSummedValues()
    {
        var a = Sparse(8, (1, 1.0), (4, 2.0));
        var b = Sparse(8, (0, 0.5), (4, 3.0), (7, -1.0));
        var merged = new Payload<double>(8);

        PayloadTopology.Merge([a, b], merged);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(merged.Kind, Is.EqualTo(PayloadKind.Sparse));
            Assert.That(merged.Indices.Take(merged.Count), Is.EqualTo(new[] { 0, 1, 4, 7 }));
            Assert.That(merged.Values.Take(merged.Count), Is.EqualTo(new[] { 0.5, 1.0, 5.0, -1.0 }));
        }
    }

    [Test]
    public void Merge_WithADensePayload_IsTheDenseSum()
    {
        var a = new Payload<float>(3);
        float[] values = [1, 2, 3];
        values.CopyTo(a.SetDense());
        var b = Sparse(3, (2, 10.0f));
        var merged = new Payload<float>(3);

        PayloadTopology.Merge([a, b], merged);

        Assert.That(EncodingAssert.ToDense(merged), Is.EqualTo(new[] { 1f, 2f, 13f }));
    }

    [Test]
    public void Merge_UnionSize_IsWhatCooCharges()
    {
        var merged = new Payload<float>(100);
        PayloadTopology.Merge([Sparse(100, (3, 1f), (50, 1f)), Sparse(100, (3, 1f), (99, 1f))], merged);
        var buffer = Array.Empty<byte>();

        Assert.That(new SparseCooEncoding().Encode(merged, ref buffer), Is.EqualTo(3 * 8));
    }

    [Test]
    public void Slice_OfSparsePayload_KeepsTheEntriesInRange_ReBased()
    {
        var source = Sparse(10, (1, 1.0), (3, 2.0), (5, 3.0), (6, 4.0), (9, 5.0));
        var slice = new Payload<double>(3);

        PayloadTopology.Slice(source, 3, slice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(slice.Kind, Is.EqualTo(PayloadKind.Sparse));
            Assert.That(slice.Indices.Take(slice.Count), Is.EqualTo(new[] { 0, 2 }));
            Assert.That(slice.Values.Take(slice.Count), Is.EqualTo(new[] { 2.0, 3.0 }));
        }
    }

    [Test]
    public void Slice_WithNoEntryInRange_IsEmpty()
    {
        var slice = new Payload<double>(2);

        PayloadTopology.Slice(Sparse(10, (1, 1.0), (9, 2.0)), 4, slice);

        Assert.That(slice.Count, Is.Zero);
    }

    [Test]
    public void Slice_OfDensePayload_CopiesTheRange()
    {
        var source = new Payload<float>(5);
        float[] values = [0, 1, 2, 3, 4];
        values.CopyTo(source.SetDense());
        var slice = new Payload<float>(2);

        PayloadTopology.Slice(source, 3, slice);

        Assert.That(EncodingAssert.ToDense(slice), Is.EqualTo(new[] { 3f, 4f }));
    }

    [Test]
    public void Slice_OfQuantizedPayload_KeepsScaleAndLevels()
    {
        var source = new Payload<float>(4);
        source.SetQuantized(0.5f, [1, -2, 3, 0]);
        var slice = new Payload<float>(2);

        PayloadTopology.Slice(source, 1, slice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(slice.IsQuantized, Is.True);
            Assert.That(slice.QuantizationScale, Is.EqualTo(0.5f));
            Assert.That(slice.Levels.Take(2), Is.EqualTo(new[] { -2, 3 }));
        }
    }

    [Test]
    public void Slice_BeyondTheSource_Throws()
    {
        Assert.That(() => PayloadTopology.Slice(new Payload<float>(4), 3, new Payload<float>(2)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    // Dense payloads' encoded lengths depend on the dimension only (what the sizes of merged and sliced dense
    // messages rely on): random contents encode to the length zeros do, for every encoding that carries them.
    [Test]
    public void DensePayloads_EncodeToALengthThatDependsOnTheDimensionOnly()
    {
        var random = new Random(3);
        foreach (var encoding in WireEncodings.All.Where(e => e is not SparseCooEncoding and not SparseDeltaVarintEncoding))
        {
            foreach (var dimension in new[] { 1, 7, 64, 1001 })
            {
                var zeros = new Payload<float>(dimension);
                zeros.SetDense().Clear();
                var filled = new Payload<float>(dimension);
                var span = filled.SetDense();
                for (var i = 0; i < dimension; i++)
                {
                    span[i] = (float)((random.NextDouble() * 20) - 10);
                }

                var buffer = Array.Empty<byte>();
                var zeroLength = encoding.Encode(zeros, ref buffer);
                Assert.That(encoding.Encode(filled, ref buffer), Is.EqualTo(zeroLength), $"{encoding.Name}, d = {dimension}");
            }
        }
    }

    private static Payload<T> Sparse<T>(int dimension, params (int Index, T Value)[] entries)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var payload = new Payload<T>(dimension);
        payload.SetSparse(entries.Length, out var indices, out var values);
        for (var i = 0; i < entries.Length; i++)
        {
            indices[i] = entries[i].Index;
            values[i] = entries[i].Value;
        }

        return payload;
    }
}
