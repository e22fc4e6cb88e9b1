using System.Numerics;

namespace Sasg.Learning.Algorithms;

/// <summary>theta_hat_m, the server iterate at each worker's last upload, for methods whose workers upload at least
/// once every <c>maxAge</c> iterations (LASG-WK2's delay bound, SASG's maximum delay).</summary>
/// <remarks>The last maxAge + 1 iterates are kept in a ring, each copied once, by the first upload of its iteration,
/// so that an iteration in which every worker uploads copies the model once instead of once per worker. When that ring
/// would hold more than twice as many vectors as there are workers, each worker keeps its own copy instead (one copy
/// per upload, as few vectors as workers).</remarks>
internal sealed class UploadIterates<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _vectors;
    private readonly int[] _iterationOf;
    private readonly int[] _lastUpload;
    private readonly bool _ring;

    /// <summary>Every worker's iterate starts as <paramref name="initial"/> (iteration 0).</summary>
    public UploadIterates(int workers, ReadOnlySpan<T> initial, int maxAge)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAge, 1);
        var slots = (long)maxAge + 1;
        _ring = slots <= 2L * workers;
        _vectors = new T[_ring ? (int)slots : workers][];
        for (var i = 0; i < _vectors.Length; i++)
        {
            _vectors[i] = initial.ToArray();
        }

        _iterationOf = new int[_vectors.Length];
        _lastUpload = new int[workers];
    }

    /// <summary>Every worker keeps its own copy, starting as <paramref name="initial"/>: for workers that step at
    /// different iterates (time-driven protocols), where a ring shared by iteration would not hold them.</summary>
    public static UploadIterates<T> PerWorker(int workers, ReadOnlySpan<T> initial) => new(workers, initial, int.MaxValue);

    /// <summary>Worker <paramref name="worker"/> uploads at <paramref name="iteration"/>, where the server's iterate
    /// is <paramref name="theta"/>.</summary>
    public void Uploaded(int worker, int iteration, ReadOnlySpan<T> theta)
    {
        var slot = _ring ? iteration % _vectors.Length : worker;
        if (!_ring || _iterationOf[slot] != iteration)
        {
            theta.CopyTo(_vectors[slot]);
            _iterationOf[slot] = iteration;
        }

        _lastUpload[worker] = iteration;
    }

    /// <summary>theta_hat of <paramref name="worker"/>.</summary>
    /// <exception cref="InvalidOperationException">The worker has not uploaded for more than maxAge iterations.</exception>
    public ReadOnlySpan<T> Of(int worker)
    {
        var slot = _ring ? _lastUpload[worker] % _vectors.Length : worker;
        if (_iterationOf[slot] != _lastUpload[worker])
        {
            throw new InvalidOperationException(
                $"Worker {worker}'s last-upload iterate (iteration {_lastUpload[worker]}) is no longer kept: it has not uploaded for too long.");
        }

        return _vectors[slot];
    }
}
