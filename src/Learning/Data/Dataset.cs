using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Sasg.Learning.Data;

/// <summary>An in-memory dataset: one row of features per sample, with class labels or real targets.</summary>
/// <remarks>
/// Features are row-major doubles so that the convex LAG problems keep full precision; models that train in float32
/// convert once when they build their tensors. Exactly one of <see cref="Labels"/> (classification) and
/// <see cref="Targets"/> (regression, or labels already mapped to -1/+1) is set.
/// </remarks>
public sealed class Dataset
{
    /// <summary>Creates a dataset after checking that every array agrees with <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentException">An array's length, a label or a value is out of range; the message names it.</exception>
    public Dataset(
        string name,
        int count,
        IReadOnlyList<int> sampleShape,
        double[] features,
        int[]? labels,
        int classCount,
        double[]? targets)
        : this(name, count, sampleShape, features ?? throw new ArgumentNullException(nameof(features)), null, labels, classCount, targets)
    {
    }

    // Either features or codes (one byte a value, decoded through a table) hold the values.
    private Dataset(
        string name,
        int count,
        IReadOnlyList<int> sampleShape,
        double[]? features,
        byte[]? codes,
        int[]? labels,
        int classCount,
        double[]? targets)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((labels is null) == (targets is null))
        {
            throw new ArgumentException($"Dataset '{name}': give either labels or targets, not both or neither.");
        }

        var featureCount = sampleShape.Aggregate(1, (a, b) => checked(a * b));
        var values = features?.Length ?? codes!.Length;
        if (values != checked(count * featureCount))
        {
            throw new ArgumentException(
                $"Dataset '{name}': features hold {values} values, expected {count} x {featureCount}.",
                features is null ? nameof(codes) : nameof(features));
        }

        if (labels is not null)
        {
            if (labels.Length != count)
            {
                throw new ArgumentException($"Dataset '{name}': {labels.Length} labels for {count} samples.", nameof(labels));
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
            for (var i = 0; i < labels.Length; i++)
            {
                if ((uint)labels[i] >= (uint)classCount)
                {
                    throw new ArgumentException(
                        $"Dataset '{name}': label {labels[i]} of sample {i} is outside 0..{classCount - 1}.",
                        nameof(labels));
                }
            }
        }

        if (targets is not null && targets.Length != count)
        {
            throw new ArgumentException($"Dataset '{name}': {targets.Length} targets for {count} samples.", nameof(targets));
        }

        Name = name;
        Count = count;
        SampleShape = sampleShape.ToArray();
        FeatureCount = featureCount;
        _features = features;
        _codes = codes;
        Labels = labels;
        ClassCount = labels is null ? 0 : classCount;
        Targets = targets;
    }

    // A subset: rows of a source dataset, read from the source until something asks for this dataset's own array.
    private Dataset(Dataset source, int[] rows, string name, int[]? labels, double[]? targets)
    {
        _ = checked(rows.Length * source.FeatureCount);
        Name = name;
        Count = rows.Length;
        SampleShape = source.SampleShape;
        FeatureCount = source.FeatureCount;
        Labels = labels;
        ClassCount = source.ClassCount;
        Targets = targets;
        _source = source;
        _rows = rows;
    }

    /// <summary>A classification dataset whose features are stored as one byte a value (the pixels of an image file):
    /// the value of byte b is <paramref name="decoded"/>[b]. <see cref="Features"/> decodes them into doubles only when
    /// something asks for that array; rows copied to tensors are decoded straight from the bytes, with the same bits.
    /// </summary>
    /// <remarks>Fashion-MNIST's 60,000 training images are 47 MB as bytes and 376 MB as doubles; a run that builds float32
    /// tensors from them never makes the doubles.</remarks>
    /// <exception cref="ArgumentException">The table does not hold 256 values, or as for the other constructor.</exception>
    public static Dataset OfCodes(
        string name, int count, IReadOnlyList<int> sampleShape, byte[] codes, ReadOnlySpan<double> decoded, int[] labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(labels);
        if (decoded.Length != 256)
        {
            throw new ArgumentException($"Dataset '{name}': a byte decodes through 256 values, not {decoded.Length}.", nameof(decoded));
        }

        var data = new Dataset(name, count, sampleShape, null, codes, labels, classCount, null);
        data.SetDecoded(decoded.ToArray());
        return data;
    }

    // The features, or null for a subset whose own array is not made yet: _source and _rows say where its rows are,
    // and are let go once the array is made (so a source that nothing else holds can be collected).
    private double[]? _features;
    private Dataset? _source;
    private int[]? _rows;

    // Or, for a dataset of codes whose array is not made yet, its bytes and their values (let go as the source is).
    private byte[]? _codes;
    private Decoding? _decoding;
    private readonly Lock _lock = new();

    /// <summary>A short name for reports, for example "fashion-mnist/train".</summary>
    public string Name { get; }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>The shape of one sample's features, for example [784] or [1, 28, 28].</summary>
    public IReadOnlyList<int> SampleShape { get; }

    /// <summary>The number of feature values per sample (the product of <see cref="SampleShape"/>).</summary>
    public int FeatureCount { get; }

    /// <summary>Row-major features: sample i occupies [i * FeatureCount, (i + 1) * FeatureCount).</summary>
    /// <remarks>A subset (<see cref="Subset"/>) makes its own array at the first read of this property, a copy of its
    /// rows of the source; until then <see cref="Row"/> and <see cref="CopyFeaturesTo(Span{float})"/> read the source's
    /// rows where they lie, so that sharding a training set does not copy it. A dataset of codes (<see cref="OfCodes"/>)
    /// decodes its bytes into this array at the first read; <see cref="Row"/> reads this array, the CopyRowTo and
    /// CopyFeaturesTo methods decode the bytes where they lie.</remarks>
    public double[] Features
    {
        get
        {
            if (Volatile.Read(ref _features) is { } features)
            {
                return features;
            }

            lock (_lock)
            {
                if (_features is null)
                {
                    Volatile.Write(ref _features, Gather());
                    Volatile.Write(ref _source, null);
                    Volatile.Write(ref _rows, null);
                    Volatile.Write(ref _codes, null);
                    Volatile.Write(ref _decoding, null);
                }

                return _features;
            }
        }
    }

    /// <summary>Class labels in 0..ClassCount-1, or null for a regression dataset.</summary>
    public int[]? Labels { get; }

    /// <summary>The number of classes, or 0 for a regression dataset.</summary>
    public int ClassCount { get; }

    /// <summary>Real-valued targets (regression, or labels mapped to -1/+1), or null for a classification dataset.</summary>
    public double[]? Targets { get; }

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    /// <remarks>For a dataset of codes, or a subset of one, this makes that dataset's own array of doubles (see
    /// <see cref="Features"/>); CopyRowTo does not.</remarks>
    public ReadOnlySpan<double> Row(int index)
    {
        Locate(index, out var values, out _, out var decoding);
        return decoding is null ? values : Features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>Asks the processor to start loading the stored features of samples <paramref name="rows"/> into its
    /// caches, so that the CopyRowTo calls that follow wait on all of them at once rather than row after row (a
    /// minibatch's rows lie at random places of a dataset far larger than the caches). Changes no value; rows out of
    /// range are left to the copy to report.</summary>
    internal unsafe void PrefetchRows(ReadOnlySpan<long> rows)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        foreach (var row in rows)
        {
            if ((ulong)row >= (ulong)Count)
            {
                continue;
            }

            Locate((int)row, out var values, out var codes, out var decoding);
            var bytes = decoding is null ? MemoryMarshal.AsBytes(values) : codes;
            if (bytes.IsEmpty)
            {
                continue;
            }

            fixed (byte* start = bytes)
            {
                for (var offset = 0; offset < bytes.Length; offset += 64)
                {
                    Sse.Prefetch0(start + offset);
                }

                Sse.Prefetch0(start + bytes.Length - 1);
            }
        }
    }

    /// <summary>Copies the features of sample <paramref name="index"/>, rounded to float32 (to nearest, as a cast),
    /// into <paramref name="destination"/>, without making this dataset's or its source's array.</summary>
    public void CopyRowTo(int index, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, FeatureCount, nameof(destination));
        Locate(index, out var values, out var codes, out var decoding);
        if (decoding is null)
        {
            Narrow(values, destination);
        }
        else
        {
            Decode(codes, decoding.Singles, destination);
        }
    }

    /// <summary>Copies the features of sample <paramref name="index"/> into <paramref name="destination"/>, without
    /// making this dataset's or its source's array.</summary>
    public void CopyRowTo(int index, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, FeatureCount, nameof(destination));
        Locate(index, out var values, out var codes, out var decoding);
        if (decoding is null)
        {
            values.CopyTo(destination);
        }
        else
        {
            Decode(codes, decoding.Doubles, destination);
        }
    }

    /// <summary>Writes the features, row-major, into <paramref name="destination"/> as float32 (each value rounded to
    /// nearest, as <c>(float)x</c> and libtorch's conversion do), without making a subset's own array or a dataset of
    /// codes' doubles.</summary>
    public void CopyFeaturesTo(Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Count * FeatureCount, nameof(destination));
        for (var i = 0; i < Count; i++)
        {
            CopyRowTo(i, destination.Slice(i * FeatureCount, FeatureCount));
        }
    }

    /// <summary>Writes the features, row-major, into <paramref name="destination"/>, without making a subset's own
    /// array.</summary>
    public void CopyFeaturesTo(Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Count * FeatureCount, nameof(destination));
        for (var i = 0; i < Count; i++)
        {
            CopyRowTo(i, destination.Slice(i * FeatureCount, FeatureCount));
        }
    }

    /// <summary>A new dataset of the samples at <paramref name="indices"/>, in that order (indices may repeat).</summary>
    /// <remarks>No features are copied: the subset reads this dataset's rows until something asks for its own
    /// <see cref="Features"/> array, which is then a copy of them. Change a dataset's features in place only before
    /// taking subsets of it (a subset's own array, once made, is its own to change).</remarks>
    public Dataset Subset(IReadOnlyList<int> indices, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var rows = new int[indices.Count];
        var labels = Labels is null ? null : new int[indices.Count];
        var targets = Targets is null ? null : new double[indices.Count];
        // A subset of a subset that has no array of its own points straight at the first source's rows.
        var (source, sourceRows) = (Volatile.Read(ref _source), Volatile.Read(ref _rows));
        var own = Volatile.Read(ref _features) is not null || source is null;
        for (var i = 0; i < indices.Count; i++)
        {
            var index = indices[i];
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"Index outside 0..{Count - 1}.");
            }

            rows[i] = own ? index : sourceRows![index];
            if (labels is not null)
            {
                labels[i] = Labels![index];
            }

            if (targets is not null)
            {
                targets[i] = Targets![index];
            }
        }

        return new Dataset(own ? this : source!, rows, name ?? Name, labels, targets);
    }

    /// <summary>The first <paramref name="limit"/> samples of <paramref name="parts"/>, in order, as one subset of the
    /// dataset they all read their rows from (see <see cref="Subset"/>: nothing is copied; a part that is not a view,
    /// or a view that has made its own array, reads its own rows); null when the parts read different datasets' rows.
    /// </summary>
    public static Dataset? RowsOfOneSource(IReadOnlyList<Dataset> parts, int limit, string name)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Dataset? root = null;
        var rows = new List<int>();
        foreach (var part in parts)
        {
            // Read before the array, as Row does: a part whose array appears meanwhile reads as a source of its own.
            var (source, sourceRows) = (Volatile.Read(ref part._source), Volatile.Read(ref part._rows));
            var own = Volatile.Read(ref part._features) is not null || source is null;
            var partRoot = own ? part : source!;
            if (root is not null && !ReferenceEquals(root, partRoot))
            {
                return null;
            }

            root = partRoot;
            for (var i = 0; i < part.Count && rows.Count < limit; i++)
            {
                rows.Add(own ? i : sourceRows![i]);
            }
        }

        return root?.Subset(rows, name);
    }

    /// <summary>For a dataset of codes whose array is not made yet (<see cref="OfCodes"/>), replaces the value of each
    /// byte b by <paramref name="map"/>(value): the same bits as mapping every feature. False (and nothing done)
    /// for any other dataset. Only for a dataset that nothing else reads yet, as for changing its array in place.</summary>
    internal bool TryMapDecoded(Func<double, double> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        lock (_lock)
        {
            if (_features is not null || _decoding is not { } decoding)
            {
                return false;
            }

            SetDecoded(decoding.Doubles.Select(map).ToArray());
            return true;
        }
    }

    /// <summary>Whether this dataset holds its features as an array of doubles (made, or given).</summary>
    internal bool HoldsDoubles => Volatile.Read(ref _features) is not null;

    private void SetDecoded(double[] values) => Volatile.Write(ref _decoding, new Decoding(values, values.Select(v => (float)v).ToArray()));

    private double[] Gather()
    {
        var features = new double[checked(Count * FeatureCount)];
        CopyFeaturesTo(features);
        return features;
    }

    // Where sample index's features lie, following a view to its source: a row of doubles (decoding null), or a row
    // of codes and the table they decode through. The fields are read before the array: the array is set before they
    // are let go, so either the array is there or they are.
    private void Locate(int index, out ReadOnlySpan<double> values, out ReadOnlySpan<byte> codes, out Decoding? decoding)
    {
        var (source, rows, ownCodes, ownDecoding) =
            (Volatile.Read(ref _source), Volatile.Read(ref _rows), Volatile.Read(ref _codes), Volatile.Read(ref _decoding));
        if (Volatile.Read(ref _features) is { } features)
        {
            values = features.AsSpan(index * FeatureCount, FeatureCount);
            codes = default;
            decoding = null;
        }
        else if (source is not null)
        {
            source.Locate(rows![index], out values, out codes, out decoding);
        }
        else
        {
            values = default;
            codes = ownCodes!.AsSpan(index * FeatureCount, FeatureCount);
            decoding = ownDecoding!;
        }
    }

    // The table holds 256 values, so a byte indexes it without a bounds check.
    private static void Decode<TValue>(ReadOnlySpan<byte> codes, TValue[] table, Span<TValue> into)
    {
        ref var values = ref MemoryMarshal.GetArrayDataReference(table);
        into = into[..codes.Length];
        for (var j = 0; j < codes.Length; j++)
        {
            into[j] = Unsafe.Add(ref values, codes[j]);
        }
    }

    // Rounds each value to float32, to nearest (Vector.Narrow rounds each lane as the scalar cast does).
    private static void Narrow(ReadOnlySpan<double> row, Span<float> into)
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            for (; j + (2 * width) <= row.Length; j += 2 * width)
            {
                Vector.Narrow(new Vector<double>(row.Slice(j)), new Vector<double>(row.Slice(j + width))).CopyTo(into.Slice(j));
            }
        }

        for (; j < row.Length; j++)
        {
            into[j] = (float)row[j];
        }
    }

    // The values of the 256 byte codes, and the same rounded to float32.
    private sealed record Decoding(double[] Doubles, float[] Singles);
}
