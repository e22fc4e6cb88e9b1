using System.Numerics;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Algorithms;

/// <summary>LAQ: worker m quantizes its gradient's innovation against its last sent quantized gradient q_m to b bits
/// and uploads it only if the quantized innovation is large against the recent iterate changes and the quantization
/// errors, or when its clock reaches C; the server steps with alpha * sum_m q_m.</summary>
/// <remarks>
/// Sun, Chen, Giannakis, Yang, "Lazily aggregated quantized gradients", NeurIPS 2019, as the authors' code has it
/// (docs/algorithms.md, F): R = ||g - q_m||_inf, tau = 1 / (2^b - 1),
/// q = q_m - R + 2 tau R floor((g - q_m + R + tau R) / (2 tau R)); upload if
/// ||q - q_m||^2 &gt;= (1 / (alpha^2 M^2)) sum_{d=1..D} xi_d ||theta^{k+1-d} - theta^{k-d}||^2
/// + 3 (||g - q||^2 + ||eps_hat_m||^2), with xi_d = 0.8 / D (0.8 / k while fewer than D changes exist), or when the
/// clock, incremented every iteration and reset on upload, reaches C. Then q_m = q and eps_hat_m = g - q. The upload is
/// the quantized innovation q - q_m, which the <c>laq</c> encoding carries exactly; the server adds it to its copy of
/// q_m. Every worker uploads at k = 0 (the clean start).
/// </remarks>
public sealed class LaqAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LaqEncoding _encoding;
    private readonly double _xiSum;
    private readonly int _clockBound;
    // q_m on each side, made at the worker's first upload; zeros until then (_zeros, never written).
    private readonly T[]?[] _workerQ;
    private readonly T[]?[] _serverQ;
    private readonly T[] _zeros;
    private readonly double[] _lastError;
    private readonly int[] _clock;
    private readonly T[] _innovation;
    private readonly Payload<T> _decoded;

    /// <summary>Creates LAQ.</summary>
    /// <param name="workers">M.</param>
    /// <param name="initial">theta^0.</param>
    /// <param name="stepSize">alpha.</param>
    /// <param name="bits">b, bits per coordinate (4; SLAQ uses 3).</param>
    /// <param name="window">D.</param>
    /// <param name="xiSum">sum_d xi_d (0.8), spread evenly over the changes held.</param>
    /// <param name="clockBound">C: an upload is forced when the clock reaches it.</param>
    public LaqAlgorithm(
        int workers, ReadOnlySpan<T> initial, double stepSize, int bits = 4, int window = 10, double xiSum = 0.8, int clockBound = 100)
        : base(workers, initial, stepSize, window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clockBound, 1);
        _encoding = new LaqEncoding(bits);
        _xiSum = xiSum;
        _clockBound = clockBound;
        _workerQ = new T[]?[workers];
        _serverQ = new T[]?[workers];
        _zeros = new T[Dimension];
        _decoded = new Payload<T>(Dimension);
        _lastError = new double[workers];
        _clock = new int[workers];
        _innovation = new T[initial.Length];
    }

    /// <summary>b, bits per coordinate.</summary>
    public int Bits => _encoding.Bits;

    /// <inheritdoc/>
    public override string Name => "LAQ";

    /// <inheritdoc/>
    public override long PerWorkerStateBytes => base.PerWorkerStateBytes + BytesOf(_workerQ) + BytesOf(_serverQ) + (12L * _clock.Length);

    /// <inheritdoc/>
    public override IWireEncoding DefaultEncoding => _encoding;

    /// <summary>Paper bits: b per coordinate, as the LAQ code counts (the 32-bit radius is not counted).</summary>
    public override long PaperBits(Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return (long)Bits * upload.Dimension;
    }

    /// <inheritdoc/>
    public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(upload);
        var gradient = source.Gradient(Theta, Iteration);
        var previous = _workerQ[worker] ?? _zeros;
        var innovationNorm = Quantize(gradient, previous);

        // eps = g - q with q = q_m + innovation.
        var error = 0.0;
        for (var i = 0; i < gradient.Length; i++)
        {
            var e = double.CreateTruncating(gradient[i] - (previous[i] + _innovation[i]));
            error += e * e;
        }

        _clock[worker]++;
        var held = StepHistory.Count;
        var changes = held == 0 ? 0 : _xiSum / held * SumOfChanges();
        var rhs = (changes / (StepSize * StepSize * Workers * (double)Workers)) + (3 * (error + _lastError[worker]));
        if (StepCount > 0 && !(innovationNorm >= rhs) && _clock[worker] < _clockBound)
        {
            return WorkerDecision.Skip;
        }

        _clock[worker] = 0;
        _lastError[worker] = error;
        previous = _workerQ[worker] ??= new T[Dimension];
        VectorMath.AddScaled<T>(previous, T.One, _innovation);
        SetDense(upload, _innovation);
        return WorkerDecision.Upload;
    }

    /// <inheritdoc/>
    public override void Receive(int worker, Payload<T> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var q = _serverQ[worker] ??= new T[Dimension];
        message.AddTo(q, T.One);
        Store(worker, q);
    }

    /// <inheritdoc/>
    public override void Receive(int worker, IWireEncoding encoding, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        var q = _serverQ[worker] ??= new T[Dimension];
        encoding.DecodeAdd(bytes, _decoded, q);
        Store(worker, q);
    }

    /// <summary>Writes the quantized innovation into _innovation exactly as <see cref="LaqEncoding"/> decodes it (the
    /// radius rounded to float32); returns its squared norm.</summary>
    private double Quantize(ReadOnlySpan<T> gradient, ReadOnlySpan<T> previous)
    {
        var radius = 0f;
        for (var i = 0; i < gradient.Length; i++)
        {
            radius = MathF.Max(radius, MathF.Abs(float.CreateTruncating(gradient[i] - previous[i])));
        }

        double r = radius;
        var top = (1 << Bits) - 1;
        var step = 2.0 * r / top;
        var norm = 0.0;
        for (var i = 0; i < gradient.Length; i++)
        {
            var level = r == 0 ? 0 : Math.Clamp(Math.Floor((double.CreateTruncating(gradient[i] - previous[i]) + r + (step / 2)) / step), 0, top);
            var value = -r + (2.0 * r * level / top);
            _innovation[i] = T.CreateTruncating(value);
            norm += value * value;
        }

        return norm;
    }

    private double SumOfChanges()
    {
        var sum = 0.0;
        var history = StepHistory;
        for (var d = 1; d <= history.Count; d++)
        {
            sum += history[d];
        }

        return sum;
    }

    /// <inheritdoc/>
    internal override bool RuleReadsHistory => true;
}
