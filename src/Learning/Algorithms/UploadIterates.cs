using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sasg.Learning.Algorithms;

/// <summary>theta_hat_m, the server iterate at each worker's last upload, for methods whose workers upload at least
/// once every <c>maxAge</c> iterations they take part in (LASG-WK2's delay bound, SASG's maximum delay).</summary>
/// <remarks>The last maxAge + 1 iterates are kept in a ring, each copied once, by the first upload of its iteration,
/// so that an iteration in which every worker uploads copies the model once instead of once per worker. When that ring
/// would hold more than twice as many vectors as there are workers, each worker keeps its own copy instead (one copy
/// per upload, as few vectors as workers). A worker that has not uploaded reads theta^0, one vector shared by all.
/// <para>Under partial participation a worker may sit out far longer than maxAge iterations; when the ring is about to
/// overwrite an iterate that is still some workers' theta_hat, those workers get their own copy of it first (the same
/// values, so the rule reads exactly what it would have). With every worker taking part in every iteration that never
/// happens: a worker uploads again before its iterate leaves the ring.</para></remarks>
internal sealed class UploadIterates<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // The last stamp handed out, by any instance: a stamp names one stored copy's contents in the whole process.
    private static long _lastStamp;

    private readonly T[] _initial;
    private readonly long _initialStamp;
    private readonly T[]?[] _vectors;
    private readonly long[] _stampOf;
    private readonly int[] _iterationOf;
    private readonly int[] _holders;
    private readonly T[]?[] _own;
    private readonly long[] _ownStamp;
    private readonly int[] _lastUpload;
    private readonly bool _ring;

    /// <summary>Every worker's iterate starts as <paramref name="initial"/> (iteration 0).</summary>
    public UploadIterates(int workers, ReadOnlySpan<T> initial, int maxAge)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAge, 1);
        var slots = (long)maxAge + 1;
        _ring = slots <= 2L * workers;
        _initial = initial.ToArray();
        _initialStamp = NewStamp();
        _vectors = new T[]?[_ring ? (int)slots : 0];
        _stampOf = new long[_vectors.Length];
        _iterationOf = new int[_vectors.Length];
        _holders = new int[_vectors.Length];
        _own = new T[]?[workers];
        _ownStamp = new long[workers];
        _lastUpload = new int[workers];
        _lastUpload.AsSpan().Fill(-1);
    }

    /// <summary>The bytes of the iterates and per-worker indices allocated so far (theta^0 not counted).</summary>
    public long AllocatedBytes
    {
        get
        {
            var bytes = 4L * _lastUpload.Length;
            foreach (var vector in _vectors.Concat(_own))
            {
                bytes += vector is null ? 0 : (long)vector.Length * Unsafe.SizeOf<T>();
            }

            return bytes;
        }
    }

    /// <summary>Every worker keeps its own copy, starting as <paramref name="initial"/>: for workers that step at
    /// different iterates (time-driven protocols), where a ring shared by iteration would not hold them.</summary>
    public static UploadIterates<T> PerWorker(int workers, ReadOnlySpan<T> initial) => new(workers, initial, int.MaxValue);

    /// <summary>Worker <paramref name="worker"/> uploads at <paramref name="iteration"/>, where the server's iterate
    /// is <paramref name="theta"/>.</summary>
    public void Uploaded(int worker, int iteration, ReadOnlySpan<T> theta)
    {
        if (!_ring)
        {
            theta.CopyTo(_own[worker] ??= new T[theta.Length]);
            _ownStamp[worker] = NewStamp();
            _lastUpload[worker] = iteration;
            return;
        }

        // The worker lets go of its previous iterate: its own copy, or its hold on a ring slot. It then holds nothing,
        // so that KeepOwnCopies below, when the slot to be written is the one it held, does not copy that iterate back
        // to it as its own.
        if (_own[worker] is not null)
        {
            _own[worker] = null;
        }
        else if (_lastUpload[worker] >= 0)
        {
            _holders[_lastUpload[worker] % _vectors.Length]--;
        }

        _lastUpload[worker] = -1;

        var slot = iteration % _vectors.Length;
        if (_vectors[slot] is null || _iterationOf[slot] != iteration)
        {
            if (_holders[slot] > 0)
            {
                KeepOwnCopies(slot);
            }

            theta.CopyTo(_vectors[slot] ??= new T[theta.Length]);
            _stampOf[slot] = NewStamp();
            _iterationOf[slot] = iteration;
        }

        _holders[slot]++;
        _lastUpload[worker] = iteration;
    }

    /// <summary>theta_hat of <paramref name="worker"/>.</summary>
    public ReadOnlySpan<T> Of(int worker)
    {
        if (_own[worker] is { } own)
        {
            return own;
        }

        var last = _lastUpload[worker];
        return last < 0 ? _initial : _vectors[last % _vectors.Length]!;
    }

    /// <summary>The stamp of <see cref="Of"/>(<paramref name="worker"/>)'s contents: equal stamps name equal iterates,
    /// in this instance and any other (<see cref="IGradientSource{T}.GradientAtStale"/>).</summary>
    public long StampOf(int worker)
    {
        if (_own[worker] is not null)
        {
            return _ownStamp[worker];
        }

        var last = _lastUpload[worker];
        return last < 0 ? _initialStamp : _stampOf[last % _vectors.Length];
    }

    private static long NewStamp() => Interlocked.Increment(ref _lastStamp);

    // The iterate in the slot is about to be overwritten while workers still read it: each gets its own copy.
    private void KeepOwnCopies(int slot)
    {
        var iterate = _vectors[slot]!;
        var iteration = _iterationOf[slot];
        for (var m = 0; m < _own.Length; m++)
        {
            if (_own[m] is null && _lastUpload[m] == iteration)
            {
                _own[m] = (T[])iterate.Clone();
                _ownStamp[m] = _stampOf[slot];
            }
        }

        _holders[slot] = 0;
    }
}
