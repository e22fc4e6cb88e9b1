using System.Numerics;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Algorithms;

/// <summary>GD (full-batch sources) or SGD (minibatch sources): every worker uploads its gradient every iteration,
/// and theta^{k+1} = theta^k - alpha * sum_m g_m.</summary>
public sealed class GradientDescentAlgorithm<T> : DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly string _name;

    /// <summary>Creates the method under <paramref name="name"/> ("GD" or "SGD").</summary>
    public GradientDescentAlgorithm(string name, int workers, ReadOnlySpan<T> initial, double stepSize)
        : base(workers, initial, stepSize, historyLength: 1)
    {
        _name = name;
    }

    /// <inheritdoc/>
    public override string Name => _name;

    /// <inheritdoc/>
    public override WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(source);
        SetDense(upload, source.Gradient(Theta, Iteration));
        return WorkerDecision.Upload;
    }
}
