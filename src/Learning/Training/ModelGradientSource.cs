using System.Numerics;
using Sasg.Learning.Algorithms;

namespace Sasg.Learning.Training;

/// <summary>A worker's gradients from the shared model on the worker's own data: the full batch when
/// <paramref name="sampler"/> is null (GD, LAG), else one minibatch per <see cref="NextBatch"/> (SGD, LASG, SASG).</summary>
/// <remarks>
/// Every worker of a simulation shares one <see cref="FlatModel{T}"/>, as the SASG notebooks share one model object.
/// <see cref="ModelState{T}"/> remembers which parameters the model holds so that consecutive workers evaluating at the
/// server's iterate do not copy it again.
/// <para>Batch norm's running statistics live in that one model and move with every worker's training-mode forward
/// pass at the server's iterate (a point with a version), in worker order, as in the SASG notebooks, where every
/// worker's batch goes through the one shared <c>model</c>. A gradient at a point without a version (a worker's stale
/// iterate in LASG-WK2's and SASG's same-sample test) leaves them as they were: the notebooks compute it on a
/// separate <c>model_copy</c> whose statistics are thrown away. docs/algorithms.md, "Batch norm under data-parallel
/// training".</para>
/// </remarks>
public sealed class ModelGradientSource<T>(ModelState<T> state, TensorData data, MinibatchSampler? sampler) : IGradientSource<T>, IDisposable
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private Batch? _batch;

    // Views of the array this worker's gradient was last written into (its upload), kept for the next step.
    private FlatModel<T>.GradientTarget? _target;

    /// <inheritdoc/>
    public int Dimension => state.Model.Length;

    /// <summary>The loss of the last gradient evaluation.</summary>
    public double LastLoss { get; private set; }

    /// <inheritdoc/>
    public void NextBatch()
    {
        if (sampler is null)
        {
            return;
        }

        // The batch is the sampler's own, overwritten by the next draw: it is evaluated at one or two points before
        // that, and a gradient keeps nothing of it.
        _batch = sampler.NextReused();
    }

    /// <inheritdoc/>
    /// <remarks>A gradient at a point without a version goes to the model's <see cref="FlatModel{T}.AsideGradient"/>,
    /// so it survives the next gradient at the server's iterate (<see cref="KeepsUnversionedGradientApart"/>).</remarks>
    public ReadOnlySpan<T> Gradient(ReadOnlySpan<T> point, long pointVersion)
    {
        state.Load(point, pointVersion);
        var aside = pointVersion < 0;
        LastLoss = state.Model.ComputeGradient(CurrentBatch(), updateStatistics: !aside, aside: aside);
        return aside ? state.Model.AsideGradient : state.Model.Gradient;
    }

    /// <inheritdoc/>
    /// <remarks>A model that <see cref="FlatModel{T}.ComputesAside"/> evaluates the stale point in its second parameter
    /// vector, copied there only when <paramref name="stamp"/> is not the one it holds, and keeps the server's iterate
    /// loaded; any other model loads the point into its parameters as <see cref="Gradient"/> with version -1 does.
    /// Either way the gradient goes to <see cref="FlatModel{T}.AsideGradient"/>, with the same bits.</remarks>
    public ReadOnlySpan<T> GradientAtStale(ReadOnlySpan<T> point, long stamp)
    {
        if (!state.Model.ComputesAside)
        {
            return Gradient(point, -1);
        }

        state.LoadAside(point, stamp);
        LastLoss = state.Model.ComputeAsideGradient(CurrentBatch());
        return state.Model.AsideGradient;
    }

    /// <inheritdoc/>
    /// <remarks>A model that <see cref="FlatModel{T}.WritesGradientInto"/> writes into <paramref name="destination"/>
    /// through views of it kept from the last call with the same array; the model's own <see cref="FlatModel{T}.Gradient"/>
    /// is not written. Any other model computes into its own gradient, which is copied.</remarks>
    public void GradientInto(ReadOnlySpan<T> point, long pointVersion, T[] destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!state.Model.WritesGradientInto)
        {
            Gradient(point, pointVersion).CopyTo(destination);
            return;
        }

        if (!ReferenceEquals(_target?.Array, destination))
        {
            _target?.Dispose();
            _target = null;
            _target = state.Model.TargetOf(destination);
        }

        state.Load(point, pointVersion);
        LastLoss = state.Model.ComputeGradientInto(CurrentBatch(), _target);
    }

    /// <inheritdoc/>
    public bool KeepsUnversionedGradientApart => true;

    /// <summary>The loss of the worker's full data at <paramref name="point"/> (no gradient).</summary>
    public double FullLoss(ReadOnlySpan<T> point, long pointVersion)
    {
        state.Load(point, pointVersion);
        return state.Model.Loss(data.All);
    }

    /// <summary>Frees the current minibatch before the next <see cref="NextBatch"/> (a worker that may not step again
    /// for a long time, under partial participation); the next gradient needs a <see cref="NextBatch"/> first.</summary>
    public void ReleaseBatch()
    {
        _batch = null;
        sampler?.ReleaseBatch();
    }

    /// <inheritdoc/>
    /// <remarks>The batch belongs to the sampler, which its owner disposes.</remarks>
    public void Dispose()
    {
        _batch = null;
        _target?.Dispose();
        _target = null;
    }

    private Batch CurrentBatch()
    {
        if (sampler is null)
        {
            return data.All;
        }

        return _batch ?? throw new InvalidOperationException("NextBatch must be called before the first gradient.");
    }
}
