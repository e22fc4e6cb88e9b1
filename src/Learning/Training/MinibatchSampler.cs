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

        var size = Math.Min(_batchSize, _data.Count - _position);
        var indices = _permutation.narrow(0, _position, size);
        _position += size;
        var batch = _data.Select(indices);
        _augmentation?.Apply(batch.Features, Epoch);
        return batch;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _permutation?.Dispose();
        _generator?.Dispose();
    }
}
