using System.Numerics;

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
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((labels is null) == (targets is null))
        {
            throw new ArgumentException($"Dataset '{name}': give either labels or targets, not both or neither.");
        }

        var featureCount = sampleShape.Aggregate(1, (a, b) => checked(a * b));
        if (features.Length != checked(count * featureCount))
        {
            throw new ArgumentException(
                $"Dataset '{name}': features hold {features.Length} values, expected {count} x {featureCount}.",
                nameof(features));
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

    // The features, or null for a subset whose own array is not made yet: _source and _rows say where its rows are,
    // and are let go once the array is made (so a source that nothing else holds can be collected).
    private double[]? _features;
    private Dataset? _source;
    private int[]? _rows;
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
    /// rows where they lie, so that sharding a training set does not copy it.</remarks>
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
    public ReadOnlySpan<double> Row(int index)
    {
        // Read before the array: the array is set before they are let go, so either the array is there or they are.
        var source = Volatile.Read(ref _source);
        var rows = Volatile.Read(ref _rows);
        return Volatile.Read(ref _features) is { } features
            ? features.AsSpan(index * FeatureCount, FeatureCount)
            : source!.Row(rows![index]);
    }

    /// <summary>Writes the features, row-major, into <paramref name="destination"/> as float32 (each value rounded to
    /// nearest, as <c>(float)x</c> and libtorch's conversion do), without making a subset's own array.</summary>
    public void CopyFeaturesTo(Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Count * FeatureCount, nameof(destination));
        for (var i = 0; i < Count; i++)
        {
            var row = Row(i);
            var into = destination.Slice(i * FeatureCount, FeatureCount);
            var j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                // Narrowing rounds each lane to nearest, as the scalar cast does.
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
    }

    /// <summary>Writes the features, row-major, into <paramref name="destination"/>, without making a subset's own
    /// array.</summary>
    public void CopyFeaturesTo(Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Count * FeatureCount, nameof(destination));
        for (var i = 0; i < Count; i++)
        {
            Row(i).CopyTo(destination.Slice(i * FeatureCount, FeatureCount));
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

    private double[] Gather()
    {
        var features = new double[checked(Count * FeatureCount)];
        CopyFeaturesTo(features);
        return features;
    }
}
