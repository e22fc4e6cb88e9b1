using System.Numerics;

namespace Sasg.Learning.Algorithms;

/// <summary>One worker's gradients: of its full data (GD, LAG) or of its current minibatch (SGD, LASG, SASG).</summary>
/// <typeparam name="T">The model's element type.</typeparam>
public interface IGradientSource<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of model parameters.</summary>
    int Dimension { get; }

    /// <summary>Draws the minibatch for this iteration (a no-op for full-batch sources).</summary>
    void NextBatch();

    /// <summary>The gradient of the current batch's loss at <paramref name="point"/>. The span stays valid until the
    /// next call on any source that shares the same model.</summary>
    /// <param name="point">The parameters to evaluate at.</param>
    /// <param name="pointVersion">An id of <paramref name="point"/>'s contents (for example the iteration for the
    /// server's iterate), so that a source whose model already holds those parameters need not copy them; -1 for
    /// "unknown". A model source moves batch norm's running statistics only at a point with a version (the server's
    /// iterate), not at -1 (a worker's stale iterate).</param>
    ReadOnlySpan<T> Gradient(ReadOnlySpan<T> point, long pointVersion);

    /// <summary>Writes the gradient of the current batch's loss at <paramref name="point"/> into the first
    /// <see cref="Dimension"/> entries of <paramref name="destination"/>: the values of <see cref="Gradient"/>, which a
    /// source that can writes there straight away instead of copying them (a dense upload).</summary>
    /// <param name="point">The parameters to evaluate at.</param>
    /// <param name="pointVersion">As for <see cref="Gradient"/>.</param>
    /// <param name="destination">At least <see cref="Dimension"/> entries.</param>
    void GradientInto(ReadOnlySpan<T> point, long pointVersion, T[] destination) =>
        Gradient(point, pointVersion).CopyTo(destination);

    /// <summary>The gradient of the current batch's loss at a worker's stale iterate (the second point of a same-sample
    /// test): the values of <see cref="Gradient"/> at <paramref name="point"/> with version -1, and the same lifetime.
    /// </summary>
    /// <param name="point">The stale iterate.</param>
    /// <param name="stamp">An id of <paramref name="point"/>'s contents among stale iterates (two points with one stamp
    /// are equal), so that a source that keeps stale points apart from the server's iterate need not copy one it holds
    /// already; -1 for "unknown". Stamps and versions are different names: a stamp never skips a copy of the server's
    /// iterate, nor a version one of a stale point.</param>
    ReadOnlySpan<T> GradientAtStale(ReadOnlySpan<T> point, long stamp) => Gradient(point, -1);

    /// <summary>Whether the span of a gradient at a point without a version (-1) stays valid through the next gradient
    /// at a point with one (until the next unversioned call), so that a same-sample test reads both without copying
    /// the first out. False unless a source says so: then any call may overwrite the last span.</summary>
    bool KeepsUnversionedGradientApart => false;
}
