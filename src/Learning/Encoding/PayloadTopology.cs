using System.Numerics;

namespace Sasg.Learning.Encoding;

/// <summary>The payloads a topology makes out of workers' uploads (issue 18): what an edge aggregator forwards when it
/// merges its workers' uploads, and the part of an upload that falls in one server's slice of the model. Only the
/// sizes of these messages matter to a simulation (their encoded length); the learning arithmetic stays the server's.</summary>
public static class PayloadTopology
{
    /// <summary>The parameters shard <paramref name="shard"/> of <paramref name="shards"/> owns in a vector of
    /// <paramref name="dimension"/> coordinates: [floor(s·D/S), floor((s+1)·D/S)).</summary>
    public static (int Start, int End) ShardRange(int dimension, int shard, int shards)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, shards);
        return ((int)((long)shard * dimension / shards), (int)((long)(shard + 1) * dimension / shards));
    }

    /// <summary>Writes the merge of <paramref name="payloads"/> into <paramref name="destination"/>: their dense sum
    /// when any is dense, else the union of their sparse entries (an index kept by several payloads once, with the
    /// sum of its values, added in list order).</summary>
    /// <exception cref="ArgumentException">No payload, or one of another dimension than the destination.</exception>
    public static void Merge<T>(IReadOnlyList<Payload<T>> payloads, Payload<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(payloads);
        ArgumentNullException.ThrowIfNull(destination);
        if (payloads.Count == 0)
        {
            throw new ArgumentException("Nothing to merge.", nameof(payloads));
        }

        var total = 0;
        var dense = false;
        foreach (var payload in payloads)
        {
            if (payload.Dimension != destination.Dimension)
            {
                throw new ArgumentException($"A payload of dimension {payload.Dimension} merged into {destination.Dimension}.", nameof(payloads));
            }

            dense |= payload.Kind == PayloadKind.Dense;
            total += payload.Kind == PayloadKind.Sparse ? payload.Count : 0;
        }

        if (dense)
        {
            var sum = destination.SetDense();
            sum.Clear();
            foreach (var payload in payloads)
            {
                payload.AddTo(sum, T.One);
            }

            return;
        }

        // Every entry with its payload's position, sorted by index then position: equal indices sum in list order.
        var entries = new (int Index, int Source, T Value)[total];
        var n = 0;
        for (var p = 0; p < payloads.Count; p++)
        {
            var payload = payloads[p];
            for (var i = 0; i < payload.Count; i++)
            {
                entries[n++] = (payload.Indices[i], p, payload.Values[i]);
            }
        }

        Array.Sort(entries, (a, b) => a.Index != b.Index ? a.Index.CompareTo(b.Index) : a.Source.CompareTo(b.Source));
        var distinct = 0;
        for (var i = 0; i < n; i++)
        {
            distinct += i == 0 || entries[i].Index != entries[i - 1].Index ? 1 : 0;
        }

        destination.SetSparse(distinct, out var indices, out var values);
        var k = -1;
        for (var i = 0; i < n; i++)
        {
            if (i == 0 || entries[i].Index != entries[i - 1].Index)
            {
                k++;
                indices[k] = entries[i].Index;
                values[k] = entries[i].Value;
            }
            else
            {
                values[k] += entries[i].Value;
            }
        }
    }

    /// <summary>Writes the part of <paramref name="source"/> in the coordinates [<paramref name="start"/>,
    /// <paramref name="start"/> + destination.Dimension) into <paramref name="destination"/>, re-based so that
    /// coordinate <paramref name="start"/> is 0: a dense slice of a dense payload (a quantized one keeps its scale and
    /// levels), the entries that fall in the range of a sparse one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie within the source.</exception>
    public static void Slice<T>(Payload<T> source, int start, Payload<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + destination.Dimension, source.Dimension);
        var length = destination.Dimension;
        if (source.Kind == PayloadKind.Dense)
        {
            if (source.IsQuantized)
            {
                destination.SetQuantized(source.QuantizationScale, source.Levels.AsSpan(start, length));
                return;
            }

            source.Values.AsSpan(start, length).CopyTo(destination.SetDense());
            return;
        }

        var kept = source.Indices.AsSpan(0, source.Count);
        var first = LowerBound(kept, start);
        var end = LowerBound(kept, start + length);
        destination.SetSparse(end - first, out var indices, out var values);
        for (var i = first; i < end; i++)
        {
            indices[i - first] = kept[i] - start;
        }

        source.Values.AsSpan(first, end - first).CopyTo(values);
    }

    // The first position whose index is at least value (indices ascending).
    private static int LowerBound(ReadOnlySpan<int> indices, int value)
    {
        var found = indices.BinarySearch(value);
        return found >= 0 ? found : ~found;
    }
}
