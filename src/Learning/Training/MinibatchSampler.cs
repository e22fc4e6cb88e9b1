using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Sasg.Learning.Training;

/// <summary>Draws minibatches of one worker's data without replacement, reshuffling every epoch, from the worker's
/// own seeded generator (so a worker's batches depend only on its seed).</summary>
/// <remarks>Like PyTorch's DataLoader with shuffle=True and drop_last=False: the last batch of an epoch may be smaller.
/// With an augmentation, every batch is augmented as it is drawn, with the draws of the current <see cref="Epoch"/>;
/// the worker's data itself is never changed (a batch is a gathered copy).</remarks>
public sealed class MinibatchSampler : IDisposable
{
    private readonly TensorData _data;
    private readonly int _batchSize;
    private readonly long _seed;

    // Made at the first draw (a generator's stream depends only on its seed), so a worker that never draws holds no
    // native generator (partial participation with many workers).
    private Generator? _generator;
    private readonly CropFlipAugmentation? _augmentation;
    private Tensor? _permutation;
    private int _position;

    // The batch of NextReused and its number of samples.
    private Batch? _reused;
    private int _reusedSize;

    /// <summary>A sampler over <paramref name="data"/> with batches of <paramref name="batchSize"/>, each augmented by
    /// <paramref name="augmentation"/> when one is given.</summary>
    public MinibatchSampler(TensorData data, int batchSize, long seed, CropFlipAugmentation? augmentation = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.Count == 0)
        {
            throw new ArgumentException("A worker with no samples cannot draw minibatches.", nameof(data));
        }

        _data = data;
        _batchSize = batchSize;
        _seed = seed;
        _augmentation = augmentation;
    }

    /// <summary>Completed epochs (passes over the worker's data).</summary>
    public int Epoch { get; private set; }

    /// <summary>Approximate native bytes this sampler holds: nothing before its first draw; then its epoch's
    /// permutation (8 bytes a sample) and a generator (libtorch's mt19937, counted as 2,560 bytes: 624 state words and
    /// its bookkeeping, rounded up).</summary>
    public long NativeBytes => _generator is null ? 0 : (8L * _data.Count) + 2_560;

    /// <summary>The next minibatch, in the caller's dispose scope.</summary>
    public Batch Next()
    {
        var (start, size) = Advance();
        var indices = _permutation!.narrow(0, start, size);
        var batch = _data.Select(indices);
        _augmentation?.Apply(batch.Features, Epoch);
        return batch;
    }

    /// <summary>The next minibatch, the same one, bit for bit, as <see cref="Next"/> would draw, gathered into tensors
    /// this sampler owns and reuses: they hold this batch until the next draw or <see cref="ReleaseBatch"/>, and the
    /// caller must not dispose them.</summary>
    /// <remarks>The rows are copied straight from the worker's dataset (<see cref="TensorData.GatherFeatures"/>: for
    /// Fashion-MNIST, decoded from the image file's bytes), so a shard needs no features tensor of its own (188 MB for
    /// Fashion-MNIST's ten shards), and no tensor is made or disposed per draw (except around an epoch's smaller last
    /// batch, when the shard's size is no multiple of the batch size). Like the batch <see cref="Next"/> returns, this
    /// one is not in <see cref="NativeBytes"/>.</remarks>
    public Batch NextReused()
    {
        var (start, size) = Advance();
        if (_reused is not { } reused || _reusedSize != size)
        {
            ReleaseBatch();
            reused = new Batch(
                empty([size, .. _data.SampleShape], dtype: _data.DType).DetachFromDisposeScope(),
                empty([size, .. _data.Targets.shape.AsSpan(1)], dtype: _data.Targets.dtype).DetachFromDisposeScope());
            (_reused, _reusedSize) = (reused, size);
        }

        var rows = MemoryMarshal.Cast<byte, long>(_permutation!.bytes).Slice(start, size);
        _data.GatherFeatures(rows, reused.Features);
        GatherRows(_data.Targets.bytes, rows, reused.Targets.bytes);

        _augmentation?.Apply(reused.Features, Epoch);
        return reused;
    }

    /// <summary>Frees the tensors of <see cref="NextReused"/> (a worker that may not draw again for a long time); the
    /// next draw makes new ones.</summary>
    public void ReleaseBatch()
    {
        if (_reused is { } reused)
        {
            reused.Features.Dispose();
            reused.Targets.Dispose();
            _reused = null;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        ReleaseBatch();
        _permutation?.Dispose();
        _generator?.Dispose();
    }

    /// <summary>Moves to the next batch, reshuffling at the start of an epoch; returns its place in the permutation.</summary>
    private (int Start, int Size) Advance()
    {
        if (_permutation is null || _position >= _data.Count)
        {
            if (_permutation is not null)
            {
                Epoch++;
                _permutation.Dispose();
            }

            _generator ??= new Generator((ulong)_seed);
            _permutation = randperm(_data.Count, generator: _generator).DetachFromDisposeScope();
            _position = 0;
        }

        var start = _position;
        var size = Math.Min(_batchSize, _data.Count - _position);
        _position += size;
        return (start, size);
    }

    /// <summary>Copies row <c>rows[i]</c> of <paramref name="source"/> to row i of <paramref name="into"/>, rows being
    /// equal slices of the leading dimension (contiguous tensors' bytes).</summary>
    private static void GatherRows(ReadOnlySpan<byte> source, ReadOnlySpan<long> rows, Span<byte> into)
    {
        var rowBytes = into.Length / rows.Length;
        for (var i = 0; i < rows.Length; i++)
        {
            source.Slice(checked((int)rows[i] * rowBytes), rowBytes).CopyTo(into.Slice(i * rowBytes, rowBytes));
        }
    }
}
