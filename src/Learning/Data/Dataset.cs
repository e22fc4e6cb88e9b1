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
        Features = features;
        Labels = labels;
        ClassCount = labels is null ? 0 : classCount;
        Targets = targets;
    }

    /// <summary>A short name for reports, for example "fashion-mnist/train".</summary>
    public string Name { get; }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>The shape of one sample's features, for example [784] or [1, 28, 28].</summary>
    public IReadOnlyList<int> SampleShape { get; }

    /// <summary>The number of feature values per sample (the product of <see cref="SampleShape"/>).</summary>
    public int FeatureCount { get; }

    /// <summary>Row-major features: sample i occupies [i * FeatureCount, (i + 1) * FeatureCount).</summary>
    public double[] Features { get; }

    /// <summary>Class labels in 0..ClassCount-1, or null for a regression dataset.</summary>
    public int[]? Labels { get; }

    /// <summary>The number of classes, or 0 for a regression dataset.</summary>
    public int ClassCount { get; }

    /// <summary>Real-valued targets (regression, or labels mapped to -1/+1), or null for a classification dataset.</summary>
    public double[]? Targets { get; }

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<double> Row(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>A new dataset of the samples at <paramref name="indices"/>, in that order (indices may repeat).</summary>
    public Dataset Subset(IReadOnlyList<int> indices, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var features = new double[checked(indices.Count * FeatureCount)];
        var labels = Labels is null ? null : new int[indices.Count];
        var targets = Targets is null ? null : new double[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            var source = indices[i];
            if ((uint)source >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), source, $"Index outside 0..{Count - 1}.");
            }

            Row(source).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            if (labels is not null)
            {
                labels[i] = Labels![source];
            }

            if (targets is not null)
            {
                targets[i] = Targets![source];
            }
        }

        return new Dataset(name ?? Name, indices.Count, SampleShape, features, labels, ClassCount, targets);
    }
}
