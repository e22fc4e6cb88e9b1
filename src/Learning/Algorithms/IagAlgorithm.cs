using System.Numerics;
using Sasg.Learning.Encoding;
using Sasg.Learning.Randomness;

namespace Sasg.Learning.Algorithms;

/// <summary>Cyc-IAG and Num-IAG: the server asks one worker per iteration for a fresh gradient and steps with the sum of
/// every worker's stored gradient, theta^{k+1} = theta^k - (alpha / M) * sum_m g_m.</summary>
/// <remarks>
/// The LAG paper's baselines (Chen et al. 2018; docs/algorithms.md, A.4 and A.6): step alpha / M by default, cyclic
/// order or a draw with probability L_m / sum L. This is the "clean" start: every worker uploads at k = 0 to fill the
/// table, then one per iteration (the k-th after the start is worker (k - 1) mod M for Cyc-IAG). With
/// <c>codeFaithful</c>, the authors' code instead: the table starts as all-ones vectors, nobody is asked at k = 0 (the
/// server steps with the ones), Cyc-IAG then asks worker (k + 1) mod M (the code's mod(iter, M) + 1, 1-based), Num-IAG
/// draws every iteration including the first, and the code counts one upload per iteration, the first included.
/// </remarks>
public sealed class IagAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IagOrder _order;
    private readonly double[]? _cumulative;
    private readonly SeededRandom? _random;
    private readonly bool _codeFaithful;
    private int _chosenAt = -1;
    private int _chosen;

    /// <summary>Creates Cyc-IAG or Num-IAG.</summary>
    /// <param name="order">Cyclic, or by smoothness.</param>
    /// <param name="workers">M.</param>
    /// <param name="initial">theta^0.</param>
    /// <param name="stepSize">The step on the summed stored gradients (the papers' alpha / M).</param>
    /// <param name="smoothness">L_m per worker; needed for <see cref="IagOrder.Smoothness"/>.</param>
    /// <param name="seed">The seed of the draws (Num-IAG).</param>
    /// <param name="codeFaithful">The authors' all-ones start, order and counter.</param>
    public IagAlgorithm(
        IagOrder order,
        int workers,
        ReadOnlySpan<T> initial,
        double stepSize,
        IReadOnlyList<double>? smoothness = null,
        long seed = 0,
        bool codeFaithful = false)
        : base(workers, initial, stepSize, historyLength: 1)
    {
        _order = order;
        _codeFaithful = codeFaithful;
        if (codeFaithful)
        {
            var ones = new T[initial.Length];
            ones.AsSpan().Fill(T.One);
            for (var m = 0; m < workers; m++)
            {
                Store(m, ones);
            }
        }

        if (order == IagOrder.Smoothness)
        {
            ArgumentNullException.ThrowIfNull(smoothness);
            if (smoothness.Count != workers || smoothness.Any(l => !(l > 0) || double.IsInfinity(l)))
            {
                throw new ArgumentException($"Num-IAG needs {workers} positive finite smoothness constants.", nameof(smoothness));
            }

            _cumulative = new double[workers];
            var total = smoothness.Sum();
            var running = 0.0;
            for (var m = 0; m < workers; m++)
            {
                running += smoothness[m];
                _cumulative[m] = running / total;
            }

            _random = SeededRandom.Create(unchecked((ulong)seed), "num-iag");
        }
    }

    /// <inheritdoc/>
    public override string Name => _order == IagOrder.Cyclic ? "Cyc-IAG" : "Num-IAG";

    /// <inheritdoc/>
    public override bool SendsRequests => true;

    /// <summary>The worker refreshing in the current iteration; -1 at k = 0 of the clean start, when every worker
    /// uploads (code-faithful: the worker chosen at k = 0 is not asked).</summary>
    public int ChosenWorker
    {
        get
        {
            if (Iteration == 0 && !_codeFaithful)
            {
                return -1;
            }

            if (_chosenAt != Iteration)
            {
                _chosen = Choose();
                _chosenAt = Iteration;
            }

            return _chosen;
        }
    }

    /// <inheritdoc/>
    public override bool IsRequested(int worker) =>
        _codeFaithful ? worker == ChosenWorker && Iteration > 0 : Iteration == 0 || worker == ChosenWorker;

    /// <summary>Code-faithful: the code counts one upload per iteration (it reports <c>iter</c>).</summary>
    public override int CountedUploads(int uploads) => _codeFaithful ? 1 : uploads;

    /// <inheritdoc/>
    public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(source);
        SetDenseGradient(upload, source);
        return WorkerDecision.Upload;
    }

    private int Choose()
    {
        if (_cumulative is null || _random is null)
        {
            return _codeFaithful ? (Iteration + 1) % Workers : (Iteration - 1 + Workers) % Workers;
        }

        var u = _random.NextDouble();
        var m = 0;
        while (m < Workers - 1 && u >= _cumulative[m])
        {
            m++;
        }

        return m;
    }
}
