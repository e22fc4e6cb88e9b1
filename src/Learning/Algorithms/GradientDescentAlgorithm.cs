using System.Numerics;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Algorithms;

/// <summary>GD (full-batch sources) or SGD (minibatch sources): every worker uploads its gradient every iteration,
/// and theta^{k+1} = theta^k - alpha * sum_m g_m.</summary>
/// <remarks>
/// With <c>codeFaithful</c> (GD only), the LAG authors' GD loop (nips2018synlinear.m): the summed gradient starts as an
/// all-ones vector and is only computed from iteration 2 on, so the first step is theta^1 = theta^0 - alpha * 1 with no
/// worker asked; and the code counts M uploads per iteration, that first one included (docs/algorithms.md).
/// </remarks>
public sealed class GradientDescentAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly string _name;
    private readonly bool _codeFaithful;

    /// <summary>Creates the method under <paramref name="name"/> ("GD" or "SGD"); with <paramref name="codeFaithful"/>,
    /// the LAG code's all-ones first step and counter.</summary>
    public GradientDescentAlgorithm(string name, int workers, ReadOnlySpan<T> initial, double stepSize, bool codeFaithful = false)
        : base(workers, initial, stepSize, historyLength: 1)
    {
        _name = name;
        _codeFaithful = codeFaithful;
        if (codeFaithful)
        {
            // One stored all-ones vector and zeros elsewhere: the first step's sum is exactly 1 in every coordinate.
            var message = new T[initial.Length];
            for (var m = 1; m < workers; m++)
            {
                Store(m, message);
            }

            message.AsSpan().Fill(T.One);
            Store(0, message);
        }
    }

    /// <inheritdoc/>
    public override string Name => _name;

    /// <summary>Code-faithful: the server asks nobody at k = 0.</summary>
    public override bool HasServerSideSelection => _codeFaithful;

    /// <summary>Every worker uploads every iteration, so no message is used twice, except the code-faithful start's
    /// stored all-ones vector.</summary>
    protected override bool ReusesMessages => _codeFaithful;

    /// <summary>Nothing in this method reads the iterate changes.</summary>
    protected override bool RecordsIterateChanges => false;

    /// <summary>Every worker, except at k = 0 of the code-faithful start.</summary>
    public override bool IsRequested(int worker) => !_codeFaithful || Iteration > 0;

    /// <summary>The code counts M per iteration when code-faithful (iter * M), else the real uploads.</summary>
    public override int CountedUploads(int uploads) => _codeFaithful ? Workers : uploads;

    /// <inheritdoc/>
    public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(source);
        SetDenseGradient(upload, source);
        return WorkerDecision.Upload;
    }
}
