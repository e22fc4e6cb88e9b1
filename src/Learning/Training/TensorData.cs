using System.Runtime.InteropServices;
using Sasg.Learning.Data;
using Sasg.Learning.Models;
using static TorchSharp.torch;

namespace Sasg.Learning.Training;

/// <summary>A dataset as tensors in a model's dtype: features [n, ...sample shape] and targets.</summary>
public sealed class TensorData : IDisposable
{
    /// <summary>Converts <paramref name="dataset"/> for a model of <paramref name="dtype"/> and <paramref name="targetKind"/>.</summary>
    /// <exception cref="ArgumentException">The dataset lacks the targets the model needs; the message says which.</exception>
    public TensorData(Dataset dataset, ScalarType dtype, TargetKind targetKind)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        long[] shape = [dataset.Count, .. dataset.SampleShape.Select(s => (long)s)];
        Features = FeaturesOf(dataset, shape, dtype);

        Targets = targetKind switch
        {
            TargetKind.ClassLabels => tensor(
                dataset.Labels ?? throw new ArgumentException(
                    $"Dataset '{dataset.Name}' has no class labels; this model needs them.", nameof(dataset)),
                dtype: ScalarType.Int64).DetachFromDisposeScope(),
            _ => ToTargets(dataset, dtype),
        };
        Count = dataset.Count;
        ClassCount = dataset.ClassCount;
    }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>The number of classes, or 0 for real targets.</summary>
    public int ClassCount { get; }

    /// <summary>Features [n, ...sample shape].</summary>
    public Tensor Features { get; }

    /// <summary>Targets: int64 class labels [n], or real values [n] in the features' dtype.</summary>
    public Tensor Targets { get; }

    /// <summary>All samples as one batch (the full-batch gradient of GD and LAG).</summary>
    public Batch All => new(Features, Targets);

    /// <summary>The samples at <paramref name="indices"/> (an int64 tensor), in the current dispose scope.</summary>
    public Batch Select(Tensor indices) => new(Features.index_select(0, indices), Targets.index_select(0, indices));

    /// <inheritdoc/>
    public void Dispose()
    {
        Features.Dispose();
        Targets.Dispose();
    }

    // Float32 and float64 are written straight into the tensor's memory ((float)x rounds to nearest, as libtorch's
    // conversion does), without a float64 tensor in between and, for a subset, from its source's rows (no copy of the
    // shard as doubles); other dtypes go through one.
    private static Tensor FeaturesOf(Dataset dataset, long[] shape, ScalarType dtype)
    {
        if (dtype is ScalarType.Float32 or ScalarType.Float64)
        {
            var features = empty(shape, dtype: dtype).DetachFromDisposeScope();
            if (dtype == ScalarType.Float64)
            {
                dataset.CopyFeaturesTo(MemoryMarshal.Cast<byte, double>(features.bytes));
                return features;
            }

            dataset.CopyFeaturesTo(MemoryMarshal.Cast<byte, float>(features.bytes));
            return features;
        }

        // Temporaries are disposed here, not left to the finalizer (the caller may have no dispose scope open).
        using var doubles = tensor(dataset.Features, dtype: ScalarType.Float64);
        using var shaped = doubles.reshape(shape);
        return shaped.to_type(dtype).DetachFromDisposeScope();
    }

    private static Tensor ToTargets(Dataset dataset, ScalarType dtype)
    {
        if (dataset.Targets is not null)
        {
            using var doubles = tensor(dataset.Targets, dtype: ScalarType.Float64);
            return doubles.to_type(dtype).DetachFromDisposeScope();
        }

        throw new ArgumentException(
            $"Dataset '{dataset.Name}' has class labels but this model needs real targets (map labels to -1/+1).",
            nameof(dataset));
    }
}
