using System.Numerics;
using Sasg.Learning.Encoding;
using Sasg.Learning.Randomness;

namespace Sasg.Learning.Algorithms;

/// <summary>QSGD: every worker uploads Q_s(g), an unbiased stochastic quantization of its gradient to s levels of its
/// norm, every iteration; theta^{k+1} = theta^k - alpha * sum_m Q_s(g_m).</summary>
/// <remarks>
/// Alistarh, Grubic, Li, Tomioka, Vojnovic, "QSGD", NeurIPS 2017: Q_s(g)_i = ||g||_2 sign(g_i) l_i / s, where l_i is
/// |g_i| / ||g||_2 * s rounded down or up with probability equal to its fractional part, so E[Q_s(g)] = g. The upload
/// is a quantized payload: the signed levels and the scale ||g||_2 / s rounded to float32, which the <c>qsgd</c>
/// encoding carries as they are, so the server decodes exactly the worker's Q_s(g). Each worker draws from its own
/// seeded stream. Workers step one at a time (they share a levels buffer).
/// </remarks>
public sealed class QsgdAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Each worker's stream, made when it first steps (a stream depends only on the seed and the worker).
    private readonly SeededRandom?[] _random;
    private readonly long _seed;
    private readonly QsgdEncoding _encoding;
    private readonly int[] _levels;

    /// <summary>Creates QSGD with <paramref name="levels"/> levels s (default 7, the <c>qsgd</c> encoding's 4 bits).</summary>
    public QsgdAlgorithm(int workers, ReadOnlySpan<T> initial, double stepSize, int levels = 7, long seed = 0)
        : base(workers, initial, stepSize, historyLength: 1)
    {
        _encoding = new QsgdEncoding(levels);
        Levels = levels;
        _levels = new int[Dimension];
        _seed = seed;
        _random = new SeededRandom?[workers];
    }

    /// <summary>s, the number of nonzero levels.</summary>
    public int Levels { get; }

    /// <inheritdoc/>
    public override string Name => "QSGD";

    /// <summary>Adds each stream made so far (32 bytes of state and an object header: 64 counted).</summary>
    public override long PerWorkerStateBytes => base.PerWorkerStateBytes + (8L * _random.Length) + (64L * _random.Count(r => r is not null));

    /// <inheritdoc/>
    public override IWireEncoding DefaultEncoding => _encoding;

    /// <summary>Paper bits: the encoding's sign-and-level bits per coordinate (1 + ceil(log2(s + 1))); the 32-bit scale
    /// is not counted, as LAQ counts b bits per value.</summary>
    public override long PaperBits(Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return (long)_encoding.Bits * upload.Dimension;
    }

    /// <summary>Nothing in this method reads the iterate changes.</summary>
    protected override bool RecordsIterateChanges => false;

    /// <inheritdoc/>
    public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(upload);
        var scale = Quantize(
            source.Gradient(Theta, Iteration),
            _random[worker] ??= SeededRandom.Create(unchecked((ulong)_seed), $"qsgd/{worker}"),
            _levels);
        if (!float.IsFinite(scale))
        {
            // No float32 scale can state this message, on any encoding.
            throw new InvalidOperationException(
                $"QSGD: worker {worker}'s gradient norm / s is {scale} in float32; the run has diverged "
                + "(try a smaller step size).");
        }

        upload.SetQuantized(scale, _levels);
        return WorkerDecision.Upload;
    }

    /// <summary>Draws the signed levels of Q_s(<paramref name="gradient"/>) into <paramref name="levels"/> from
    /// <paramref name="random"/>; returns the scale ||g||_2 / s as the float32 the wire carries.</summary>
    private float Quantize(ReadOnlySpan<T> gradient, SeededRandom random, Span<int> levels)
    {
        var squares = 0.0;
        foreach (var value in gradient)
        {
            var x = double.CreateTruncating(value);
            squares += x * x;
        }

        var norm = Math.Sqrt(squares);
        for (var i = 0; i < gradient.Length; i++)
        {
            var x = double.CreateTruncating(gradient[i]);
            var level = 0;
            if (norm > 0)
            {
                var scaled = Math.Abs(x) / norm * Levels;
                var floor = Math.Floor(scaled);
                level = (int)Math.Min(Levels, floor + (random.NextDouble() < scaled - floor ? 1 : 0));
            }

            levels[i] = x < 0 ? -level : level;
        }

        return (float)(norm / Levels);
    }
}
