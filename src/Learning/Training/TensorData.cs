using System.Runtime.InteropServices;
using Sasg.Learning.Data;
using Sasg.Learning.Models;
using static TorchSharp.torch;

namespace Sasg.Learning.Training;

/// <summary>A dataset as tensors in a model's dtype: features [n, ...sample shape] and targets.</summary>
public sealed class TensorData : IDisposable
{
    /// <summary>Converts <paramref name="dataset"/> for a model of <paramref name="dtype"/> and <paramref name="targetKind"/>.</summary>
    /// <remarks>The targets are converted now; the features are read from the dataset when they are needed
    /// (<see cref="Features"/>, <see cref="GatherFeatures"/>), so the dataset must not change after this.</remarks>
    /// <exception cref="ArgumentException">The dataset lacks the targets the model needs; the message says which.</exception>
    public TensorData(Dataset dataset, ScalarType dtype, TargetKind targetKind)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        _dataset = dataset;
        _shape = [dataset.Count, .. dataset.SampleShape.Select(s => (long)s)];
        DType = dtype;

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

    /// <summary>The features' dtype.</summary>
    public ScalarType DType { get; }

    /// <summary>The shape of one sample's features.</summary>
    public ReadOnlySpan<long> SampleShape => _shape.AsSpan(1);

    /// <summary>Features [n, ...sample shape], made at the first read (a worker that only draws minibatches never
    /// needs them: <see cref="GatherFeatures"/> reads the dataset's rows).</summary>
    public Tensor Features
    {
        get
        {
            if (Volatile.Read(ref _features) is { } features)
            {
                return features;
            }

            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_features is null)
                {
                    Volatile.Write(ref _features, FeaturesOf(_dataset, _shape, DType));
                }

                return _features;
            }
        }
    }

    /// <summary>Targets: int64 class labels [n], or real values [n] in the features' dtype.</summary>
    public Tensor Targets { get; }

    /// <summary>All samples as one batch (the full-batch gradient of GD and LAG).</summary>
    public Batch All => new(Features, Targets);

    /// <summary>The samples at <paramref name="indices"/> (an int64 tensor), in the current dispose scope.</summary>
    public Batch Select(Tensor indices) => new(Features.index_select(0, indices), Targets.index_select(0, indices));

    /// <summary>Whether <see cref="Features"/> has been made.</summary>
    internal bool HasFeatures => Volatile.Read(ref _features) is not null;

    /// <summary>Writes the features of samples <paramref name="rows"/> into <paramref name="into"/>, a contiguous CPU
    /// tensor [rows.Length, ...sample shape] of <see cref="DType"/>: the values <c>Features.index_select(0, rows)</c>
    /// holds, bit for bit.</summary>
    /// <remarks>Float32 and float64 rows are copied from the dataset (for a shard, its source's rows; for image files,
    /// decoded from their bytes), as <see cref="Features"/> is filled, so a minibatch needs no features tensor of
    /// the whole shard; other dtypes gather from <see cref="Features"/>.</remarks>
    public void GatherFeatures(ReadOnlySpan<long> rows, Tensor into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var width = _dataset.FeatureCount;
        if (into.dtype != DType || into.device_type != TorchSharp.DeviceType.CPU || !into.is_contiguous() ||
            into.NumberOfElements != (long)rows.Length * width)
        {
            throw new ArgumentException(
                $"Rows are gathered into a contiguous CPU {DType} tensor of {rows.Length} x {width} values, not a {into.device_type} {into.dtype} tensor of shape [{string.Join(", ", into.shape)}].",
                nameof(into));
        }

        if (DType == ScalarType.Float32)
        {
            _dataset.PrefetchRows(rows);
            var values = MemoryMarshal.Cast<byte, float>(into.bytes);
            for (var i = 0; i < rows.Length; i++)
            {
                _dataset.CopyRowTo(checked((int)rows[i]), values.Slice(i * width, width));
            }
        }
        else if (DType == ScalarType.Float64)
        {
            _dataset.PrefetchRows(rows);
            var values = MemoryMarshal.Cast<byte, double>(into.bytes);
            for (var i = 0; i < rows.Length; i++)
            {
                _dataset.CopyRowTo(checked((int)rows[i]), values.Slice(i * width, width));
            }
        }
        else
        {
            using var scope = NewDisposeScope();
            into.copy_(Features.index_select(0, tensor(rows.ToArray())));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _features?.Dispose();
            Volatile.Write(ref _features, null);
            Targets.Dispose();
        }
    }

    private readonly Dataset _dataset;
    private readonly long[] _shape;
    private readonly Lock _lock = new();
    private Tensor? _features;
    private bool _disposed;

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
