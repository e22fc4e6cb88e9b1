using System.Numerics;
using Sasg.Learning.Encoding;
using Sasg.Learning.Randomness;

namespace Sasg.Learning.Algorithms;

/// <summary>QSGD: every worker uploads Q_s(g), an unbiased stochastic quantization of its gradient to s levels of its
/// norm, every iteration; theta^{k+1} = theta^k - alpha * sum_m Q_s(g_m).</summary>
/// <remarks>
/// <para>Alistarh, Grubic, Li, Tomioka, Vojnovic, "QSGD", NeurIPS 2017: Q_s(g)_i = ||g||_2 sign(g_i) l_i / s, where
/// l_i is |g_i| / ||g||_2 * s rounded down or up with probability equal to its fractional part, so E[Q_s(g)] = g. The
/// norm is the float32 the <c>qsgd</c> encoding would send; each worker draws from its own seeded stream. The payload
/// is the dense dequantized vector.</para>
/// <para>Known discrepancy (docs/algorithms.md): <see cref="QsgdEncoding"/> recomputes the norm from the payload it is
/// given and rounds to the nearest level of that norm, so it returns Q_s(g) exactly only when sum_i l_i^2 = s^2; in
/// general the server receives a deterministic requantization of Q_s(g), which for large d collapses to zeros.</para>
/// </remarks>
public sealed class QsgdAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SeededRandom[] _random;
    private readonly QsgdEncoding _encoding;

    /// <summary>Creates QSGD with <paramref name="levels"/> levels s (default 7, the <c>qsgd</c> encoding's 4 bits).</summary>
    public QsgdAlgorithm(int workers, ReadOnlySpan<T> initial, double stepSize, int levels = 7, long seed = 0)
        : base(workers, initial, stepSize, historyLength: 1)
    {
        _encoding = new QsgdEncoding(levels);
        Levels = levels;
        _random = Enumerable.Range(0, workers).Select(m => SeededRandom.Create(unchecked((ulong)seed), $"qsgd/{m}")).ToArray();
    }

    /// <summary>s, the number of nonzero levels.</summary>
    public int Levels { get; }

    /// <inheritdoc/>
    public override string Name => "QSGD";

    /// <inheritdoc/>
    public override IWireEncoding DefaultEncoding => _encoding;

    /// <summary>Paper bits: the encoding's sign-and-level bits per coordinate (1 + ceil(log2(s + 1))); the 32-bit norm is
    /// not counted, as LAQ counts b bits per value.</summary>
    public override long PaperBits(Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return (long)_encoding.Bits * upload.Dimension;
    }

    /// <inheritdoc/>
    public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(upload);
        Quantize(source.Gradient(Theta, Iteration), _random[worker], upload.SetDense());
        return WorkerDecision.Upload;
    }

    /// <summary>Writes Q_s(<paramref name="gradient"/>) into <paramref name="message"/>, drawing from
    /// <paramref name="random"/>.</summary>
    private void Quantize(ReadOnlySpan<T> gradient, SeededRandom random, Span<T> message)
    {
        var squares = 0.0;
        foreach (var value in gradient)
        {
            var x = double.CreateTruncating(value);
            squares += x * x;
        }

        double norm = (float)Math.Sqrt(squares);
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

            // The same expression as the qsgd decoder: norm * level / s, negated for a set sign bit.
            var magnitude = norm * level / Levels;
            message[i] = T.CreateTruncating(x < 0 ? -magnitude : magnitude);
        }
    }
}
