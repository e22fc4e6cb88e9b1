using System.Numerics;
using System.Runtime.InteropServices;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Algorithms;

/// <summary>The shape every method shares: optional server-side selection, a worker-side rule that uploads a payload
/// or stays silent, and a server update from each worker's last message.</summary>
/// <remarks>
/// The update is the papers' sum form: theta^{k+1} = theta^k - scale * sum_m c_m, where c_m is worker m's last
/// message (a fresh upload, or the stored one when it skipped). <see cref="MessageScale"/> is alpha for methods that
/// send gradients (GD, LAG, LASG, SGD) and 1 for methods whose messages are already scaled (top-k with error feedback,
/// SASG). Methods override only what differs; a new method never touches the others or the driver.
/// <para>The sum is taken in worker order, 0 to M - 1, from zero. A driver that calls <see cref="WorkerDone"/> as
/// each worker's part of the iteration ends lets the sum grow while the workers run (each message is added while it
/// is still in cache, and a dense upload of a method that never reuses messages is added straight from its bytes);
/// <see cref="Update"/> adds whatever is not in yet, in the same order, so the sum is bit for bit the same either way.</para>
/// </remarks>
/// <typeparam name="T">The model's element type.</typeparam>
public abstract partial class DistributedAlgorithm<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Each worker's stored message, made when it first gets one (a worker never sampled under partial participation
    // holds nothing); _scratch is where a message that goes straight into the sum is decoded.
    private readonly Payload<T>?[] _stored;
    private readonly bool[] _hasStored;
    private readonly T[] _step;
    private Payload<T>? _scratch;

    // _step holds the sum, in worker order, of the messages of workers 0 .. _summed - 1 for the current iteration.
    private int _summed;

    /// <summary>Sets up state for <paramref name="workers"/> workers and parameters starting at <paramref name="initial"/>.</summary>
    protected DistributedAlgorithm(int workers, ReadOnlySpan<T> initial, double stepSize, int historyLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (!(stepSize > 0) || double.IsInfinity(stepSize))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "The step size must be a positive finite number.");
        }

        Workers = workers;
        Dimension = initial.Length;
        StepSize = stepSize;
        Theta = initial.ToArray();
        History = new IterateHistory(Math.Max(1, historyLength));
        _stored = new Payload<T>?[workers];
        _hasStored = new bool[workers];
        _step = new T[Dimension];
    }

    /// <summary>A short name for reports, for example "LAG-WK".</summary>
    public abstract string Name { get; }

    /// <summary>Whether uploads are sparse (encoded as COO by default) or dense.</summary>
    public virtual PayloadKind UploadKind => PayloadKind.Dense;

    /// <summary>The wire encoding this method's uploads need when a scenario names none (a quantizing method's own
    /// encoding); null means "by <see cref="UploadKind"/>": coo for sparse, dense for dense.</summary>
    public virtual IWireEncoding? DefaultEncoding => null;

    /// <summary>Whether the server sends a request message to each worker it asks (LAG-PS, LASG-PS, IAG).</summary>
    public virtual bool SendsRequests => false;

    /// <summary>M, the number of workers.</summary>
    public int Workers { get; }

    /// <summary>The number of parameters.</summary>
    public int Dimension { get; }

    /// <summary>alpha, the step of the summed update.</summary>
    public double StepSize { get; }

    /// <summary>k, the number of completed iterations (server updates).</summary>
    public int Iteration { get; private set; }

    /// <summary>theta^k, the server's current parameters.</summary>
    public T[] Theta { get; }

    /// <summary>The recent squared iterate changes, newest first.</summary>
    public IterateHistory History { get; }

    /// <summary>The factor on the sum of messages in the update.</summary>
    protected virtual T MessageScale => T.CreateTruncating(StepSize);

    /// <summary>Server side, before worker <paramref name="worker"/> computes: does the server want its upload?</summary>
    public virtual bool IsRequested(int worker) => true;

    /// <summary>Worker side: decides from fresh gradient(s) whether to upload, and if so fills <paramref name="upload"/>.</summary>
    /// <param name="worker">The worker's index.</param>
    /// <param name="source">Its gradients; the minibatch for this iteration is already drawn.</param>
    /// <param name="upload">The payload to fill when uploading.</param>
    public abstract WorkerDecision WorkerStep(int worker, IGradientSource<T> source, Payload<T> upload);

    /// <summary>Whether the server may use a worker's stored message again in a later iteration (a worker that skips
    /// or is not asked); false only for methods in which every worker uploads every iteration, whose messages the
    /// server need not keep past the update.</summary>
    protected virtual bool ReusesMessages => true;

    /// <summary>Server side: worker <paramref name="worker"/>'s decoded upload arrived; it replaces the stored message.</summary>
    /// <remarks>A method that overrides this must also override <see cref="Receive(int, IWireEncoding, ReadOnlySpan{byte})"/>
    /// (a test checks it), which is what the trainer calls.</remarks>
    public virtual void Receive(int worker, Payload<T> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        RequireNotSummed(worker);
        Stored(worker).CopyFrom(message);
        _hasStored[worker] = true;
        OnReceived(worker);
    }

    /// <summary>Server side: worker <paramref name="worker"/>'s upload arrived as <paramref name="bytes"/> of
    /// <paramref name="encoding"/>; it is decoded straight into the stored message (no intermediate copy), or, for a
    /// method that never reuses messages and when every worker before it is summed, added to the update straight from
    /// the bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid message of <paramref name="encoding"/>.</exception>
    public virtual void Receive(int worker, IWireEncoding encoding, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        RequireNotSummed(worker);
        if (!ReusesMessages && !_timed && worker == _summed)
        {
            // Decoded into scratch: nothing reads this message after the update.
            encoding.DecodeAdd(bytes, _scratch ??= new Payload<T>(Dimension), _step);
            _hasStored[worker] = false;
            _summed++;
        }
        else
        {
            encoding.Decode(bytes, Stored(worker));
            _hasStored[worker] = true;
        }

        OnReceived(worker);
    }

    /// <summary>Server side: worker <paramref name="worker"/>'s part of the iteration is over (its message, fresh or
    /// stored, will not change before the update); adds it to the update now if every worker before it is in.</summary>
    public void WorkerDone(int worker)
    {
        if (worker != _summed)
        {
            return;
        }

        if (_hasStored[worker])
        {
            _stored[worker]!.AddTo(_step, T.One);
        }

        _summed++;
    }

    /// <summary>Server side: every worker of this iteration is done; applies the update and records the change.</summary>
    public virtual void Update()
    {
        for (var m = _summed; m < Workers; m++)
        {
            if (_hasStored[m])
            {
                _stored[m]!.AddTo(_step, T.One);
            }
        }

        var scale = MessageScale;
        var step = _step.AsSpan();
        var theta = Theta.AsSpan();
        if (RecordsIterateChanges)
        {
            History.Push(ApplyAndMeasure(scale, step, theta));
        }
        else
        {
            Apply(scale, step, theta);
        }

        _summed = 0;
        Iteration++;
    }

    /// <summary>Whether <see cref="Update"/> records the squared iterate change in <see cref="History"/>: true unless a
    /// method says that nothing it runs reads it (SGD, top-k and the other compressors), since summing the change is a
    /// chain of one dependent addition per coordinate, about a tenth of an SGD iteration on the MLP.</summary>
    protected virtual bool RecordsIterateChanges => true;

    // theta -= scale * step and step = 0, in one pass: delta = scale * sum, then theta -= delta, lane by lane (the same
    // IEEE operations as a scalar loop).
    private static void Apply(T scale, Span<T> step, Span<T> theta)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var steps = MemoryMarshal.Cast<T, Vector<T>>(step);
            var thetas = MemoryMarshal.Cast<T, Vector<T>>(theta);
            var scales = new Vector<T>(scale);
            for (var v = 0; v < steps.Length; v++)
            {
                thetas[v] -= scales * steps[v];
                steps[v] = Vector<T>.Zero;
            }

            i = steps.Length * Vector<T>.Count;
        }

        for (; i < step.Length; i++)
        {
            theta[i] -= scale * step[i];
            step[i] = T.Zero;
        }
    }

    // Apply, and the squared change sum_i delta_i^2 in double, added in coordinate order: the triggers of LAG, LASG and
    // SASG read it, so its bits must not depend on the vector width. The chain of additions bounds this pass; the
    // update's loads and stores run in its shadow instead of in passes of their own. Float models (the networks) take
    // the vector path; float64 models (the convex LAG problems, a few hundred parameters) the scalar one.
    private static double ApplyAndMeasure(T scale, Span<T> step, Span<T> theta)
    {
        double change = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && typeof(T) == typeof(float))
        {
            var steps = MemoryMarshal.Cast<T, Vector<float>>(step);
            var thetas = MemoryMarshal.Cast<T, Vector<float>>(theta);
            var scales = new Vector<float>(float.CreateTruncating(scale));
            for (var v = 0; v < steps.Length; v++)
            {
                var delta = scales * steps[v];
                thetas[v] -= delta;
                steps[v] = Vector<float>.Zero;
                // A float's square is exact in double, so the vector products are the scalar loop's terms.
                Vector.Widen(delta, out var low, out var high);
                var lowSquares = low * low;
                var highSquares = high * high;
                for (var lane = 0; lane < Vector<double>.Count; lane++)
                {
                    change += lowSquares[lane];
                }

                for (var lane = 0; lane < Vector<double>.Count; lane++)
                {
                    change += highSquares[lane];
                }
            }

            i = steps.Length * Vector<float>.Count;
        }

        for (; i < step.Length; i++)
        {
            var delta = scale * step[i];
            theta[i] -= delta;
            step[i] = T.Zero;
            var d = double.CreateTruncating(delta);
            change += d * d;
        }

        return change;
    }

    /// <summary>The bits the papers count for one upload of <paramref name="upload"/>: 32 per dense coordinate and 64
    /// per sparse entry (float32 value + int32 index, as the SASG code counts); quantizing methods count their bits.</summary>
    public virtual long PaperBits(Payload<T> upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return upload.Kind == PayloadKind.Dense ? 32L * upload.Dimension : 64L * upload.Count;
    }

    /// <summary>The uploads the authors' code has counted before the first iteration: 0, except LAG's code-faithful
    /// counter, which starts at 1.</summary>
    public virtual long InitialCountedUploads => 0;

    /// <summary>How many uploads the authors' code counts for the iteration now ending (called before
    /// <see cref="Update"/>, so <see cref="Iteration"/> is still k), given the <paramref name="uploads"/> that really
    /// happened in it: the same number, except where a code-faithful method reproduces the code's counter quirks.</summary>
    public virtual int CountedUploads(int uploads) => uploads;

    /// <summary>Called after worker <paramref name="worker"/>'s message was stored (for server-side bookkeeping).</summary>
    protected virtual void OnReceived(int worker)
    {
    }

    /// <summary>Stores <paramref name="message"/> as worker <paramref name="worker"/>'s last message without an upload
    /// (a code-faithful start from stored all-ones gradients, or a server that rebuilds a message itself).</summary>
    protected void Store(int worker, ReadOnlySpan<T> message)
    {
        RequireNotSummed(worker);
        message.CopyTo(Stored(worker).SetDense());
        _hasStored[worker] = true;
    }

    /// <summary>Fills <paramref name="upload"/> densely with <paramref name="source"/>'s gradient at the server's
    /// iterate, written by the source straight into the payload where it can (no copy of the gradient).</summary>
    protected void SetDenseGradient(Payload<T> upload, IGradientSource<T> source)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(source);
        upload.SetDense();
        source.GradientInto(Theta, Iteration, upload.Values);
    }

    /// <summary>Fills <paramref name="upload"/> densely with <paramref name="values"/>.</summary>
    protected static void SetDense(Payload<T> upload, ReadOnlySpan<T> values)
    {
        ArgumentNullException.ThrowIfNull(upload);
        values.CopyTo(upload.SetDense());
    }

    /// <summary>The bytes of the state this method keeps per worker, as allocated so far: the server's stored
    /// messages (made when a worker first gets one), per-worker vectors of the rule (error memories, last-upload
    /// iterates, copies of gradients), and the per-worker flags and counters. Shared scratch is not counted.</summary>
    public virtual long PerWorkerStateBytes
    {
        get
        {
            var bytes = (long)_hasStored.Length;
            foreach (var stored in _stored)
            {
                bytes += stored?.AllocatedBytes ?? 0;
            }

            return bytes;
        }
    }

    /// <summary>The bytes of <paramref name="vectors"/>' allocated vectors (null ones are not allocated yet).</summary>
    protected static long BytesOf(T[]?[] vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var bytes = 0L;
        foreach (var vector in vectors)
        {
            bytes += vector is null ? 0 : (long)vector.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        }

        return bytes;
    }

    private Payload<T> Stored(int worker) => _stored[worker] ??= new Payload<T>(Dimension);

    private void RequireNotSummed(int worker)
    {
        if (worker < _summed)
        {
            throw new InvalidOperationException(
                $"Worker {worker}'s message of iteration {Iteration} is already in the update; a worker sends at most one message per iteration.");
        }
    }
}
