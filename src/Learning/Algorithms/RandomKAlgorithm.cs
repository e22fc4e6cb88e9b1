using System.Numerics;
using Sasg.Learning.Encoding;
using Sasg.Learning.Randomness;
using Sasg.Learning.Sparsification;
using Sasg.Learning.Training;

namespace Sasg.Learning.Algorithms;

/// <summary>Random-k with error feedback: every worker uploads k_l uniformly random entries per tensor of
/// v = alpha * g + e_m every iteration; e_m = v - c; theta^{k+1} = theta^k - sum_m c_m.</summary>
/// <remarks>The top-k baseline with the selection drawn instead of ranked (Stich, Cordonnier, Jaggi, "Sparsified SGD
/// with memory", 2018): the same k_l = max(1, floor(h n_l)) per tensor, no d/k rescaling (the memory carries what was
/// left out). Each worker draws from its own stream, seeded by (seed, worker).</remarks>
public sealed class RandomKAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IReadOnlyList<ParameterBlock> _blocks;
    private readonly double _fraction;
    // Each worker's stream and residual, made when it first steps (zeros and a fresh stream until then).
    private readonly SeededRandom?[] _random;
    private readonly T[]?[] _memory;
    private readonly long _seed;
    private readonly T[] _corrected;
    private readonly bool[] _taken;

    /// <summary>Creates the method; <paramref name="fraction"/> is the kept share per tensor.</summary>
    public RandomKAlgorithm(
        int workers, ReadOnlySpan<T> initial, double stepSize, IReadOnlyList<ParameterBlock> blocks, double fraction = 0.01, long seed = 0)
        : base(workers, initial, stepSize, historyLength: 1)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Sum(b => b.Length) != initial.Length)
        {
            throw new ArgumentException($"The blocks cover {blocks.Sum(b => b.Length)} parameters, not {initial.Length}.", nameof(blocks));
        }

        _blocks = blocks;
        _fraction = fraction;
        KeptPerUpload = blocks.Sum(b => TopKSelector.KFor(b.Length, fraction));
        _seed = seed;
        _random = new SeededRandom?[workers];
        _memory = new T[]?[workers];
        _corrected = new T[initial.Length];
        _taken = new bool[initial.Length];
    }

    /// <inheritdoc/>
    public override string Name => "Random-k";

    /// <inheritdoc/>
    public override PayloadKind UploadKind => PayloadKind.Sparse;

    /// <summary>Entries each upload keeps.</summary>
    public int KeptPerUpload { get; }

    /// <inheritdoc/>
    protected override T MessageScale => T.One;

    /// <summary>Worker <paramref name="worker"/>'s error memory.</summary>
    public ReadOnlySpan<T> Memory(int worker) => _memory[worker] ?? new T[Dimension];

    /// <summary>Adds the residuals and streams made so far (a stream counted as 64 bytes).</summary>
    public override long PerWorkerStateBytes =>
        base.PerWorkerStateBytes + BytesOf(_memory) + (8L * _random.Length) + (64L * _random.Count(r => r is not null));

    /// <summary>Nothing in this method reads the iterate changes.</summary>
    protected override bool RecordsIterateChanges => false;

    /// <inheritdoc/>
    public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(upload);
        var memory = _memory[worker] ??= new T[Dimension];
        VectorMath.ScaleAdd<T>(_corrected, T.CreateTruncating(StepSize), source.Gradient(Theta, Iteration), memory);
        upload.SetSparse(KeptPerUpload, out var indices, out var values);
        var position = 0;
        foreach (var block in _blocks)
        {
            var kept = indices.Slice(position, TopKSelector.KFor(block.Length, _fraction));
            Draw(_random[worker] ??= SeededRandom.Create(unchecked((ulong)_seed), $"random-k/{worker}"), block, kept);
            position += kept.Length;
        }

        _corrected.AsSpan().CopyTo(memory);
        for (var i = 0; i < indices.Length; i++)
        {
            values[i] = _corrected[indices[i]];
            memory[indices[i]] = T.Zero;
        }

        return WorkerDecision.Upload;
    }

    /// <summary>Floyd's sampling of kept.Length distinct offsets of the block, written ascending as global indices.</summary>
    private void Draw(SeededRandom random, ParameterBlock block, Span<int> kept)
    {
        var n = block.Length;
        var count = 0;
        for (var j = n - kept.Length; j < n; j++)
        {
            var t = random.NextInt(j + 1);
            var pick = _taken[block.Offset + t] ? j : t;
            _taken[block.Offset + pick] = true;
            kept[count++] = block.Offset + pick;
        }

        kept.Sort();
        foreach (var index in kept)
        {
            _taken[index] = false;
        }
    }
}
