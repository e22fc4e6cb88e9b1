using System.Numerics;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Algorithms;

/// <summary>Runs a distributed algorithm iteration by iteration: each worker's step, the encoding of its upload into
/// real bytes, the server's decoding, and the update. Knows nothing of links or time: a driver calls
/// <see cref="StepWorker"/> for each worker when the simulated clock says so, then <see cref="FinishIteration"/>.</summary>
public sealed class SynchronousTrainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IReadOnlyList<IGradientSource<T>> _sources;
    // Each worker's upload payload and encoding buffer, made at its first step (or, with ReleaseAfterStep, lent from
    // _spare for the step and given back after it).
    private readonly Payload<T>?[] _uploads;
    private readonly byte[][] _buffers;
    private readonly Stack<(Payload<T> Payload, byte[] Buffer)> _spare = new();
    private int _uploadsThisIteration;

    /// <summary>A trainer of <paramref name="algorithm"/> over one gradient source per worker.</summary>
    public SynchronousTrainer(DistributedAlgorithm<T> algorithm, IReadOnlyList<IGradientSource<T>> sources, IWireEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(encoding);
        if (sources.Count != algorithm.Workers)
        {
            throw new ArgumentException($"{sources.Count} gradient sources for {algorithm.Workers} workers.", nameof(sources));
        }

        Algorithm = algorithm;
        Encoding = encoding;
        _sources = sources;
        _uploads = new Payload<T>?[algorithm.Workers];
        _buffers = new byte[algorithm.Workers][];
        _buffers.AsSpan().Fill([]);
        CountedUploads = algorithm.InitialCountedUploads;
    }

    /// <summary>The method being run.</summary>
    public DistributedAlgorithm<T> Algorithm { get; }

    /// <summary>The encoding of uploads.</summary>
    public IWireEncoding Encoding { get; }

    /// <summary>Uploads so far (the papers' "communication rounds").</summary>
    public long Uploads { get; private set; }

    /// <summary>Uploads so far as the authors' code counts them (<see cref="DistributedAlgorithm{T}.CountedUploads"/>):
    /// equal to <see cref="Uploads"/> unless a code-faithful method reproduces the code's counter quirks.</summary>
    public long CountedUploads { get; private set; }

    /// <summary>Encoded upload bytes so far.</summary>
    public long UploadBytes { get; private set; }

    /// <summary>Bits so far as the papers count them.</summary>
    public long PaperBits { get; private set; }

    /// <summary>Whether a worker's upload payload and encoding buffer go back to a shared pool when its step ends, so
    /// that <see cref="UploadOf"/> no longer returns it; false keeps one per worker.</summary>
    /// <remarks>Pooled, the buffers follow the workers stepping at a time, not M (partial participation), and with
    /// workers stepping in turn one buffer serves them all and stays in cache: a dense upload is written where the last
    /// one was. Results are bit for bit the same either way (the server keeps its own copy of what it reuses).</remarks>
    public bool ReleaseAfterStep { get; init; }

    /// <summary>The bytes of the per-worker state: the algorithm's (<see cref="DistributedAlgorithm{T}.PerWorkerStateBytes"/>)
    /// and the upload payloads and encoding buffers held now, per worker or pooled.</summary>
    public long PerWorkerStateBytes
    {
        get
        {
            var bytes = Algorithm.PerWorkerStateBytes;
            for (var m = 0; m < _uploads.Length; m++)
            {
                bytes += (_uploads[m]?.AllocatedBytes ?? 0) + _buffers[m].Length;
            }

            foreach (var (payload, buffer) in _spare)
            {
                bytes += payload.AllocatedBytes + buffer.Length;
            }

            return bytes;
        }
    }

    /// <summary>The payload of <paramref name="worker"/>'s latest upload, as its encoding was handed it, or null when it
    /// has none held (it never uploaded, or <see cref="ReleaseAfterStep"/> gave its buffer back). Valid until the
    /// worker's next step; a topology sizes merged and sliced messages from it (issue 18).</summary>
    public Payload<T>? UploadOf(int worker) => _uploads[worker];

    /// <summary>Worker <paramref name="worker"/> is not among the workers sampled for the current iteration: it
    /// computes and sends nothing, its state is untouched, and the server keeps its stored message in the update (for
    /// a method that reuses messages) as for a worker it did not ask.</summary>
    public WorkerOutcome NotSampled(int worker)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(worker);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(worker, Algorithm.Workers);
        Algorithm.WorkerDone(worker);
        return new WorkerOutcome(worker, WorkerDecision.NotSampled, 0, 0, false);
    }

    /// <summary>Worker <paramref name="worker"/>'s part of the current iteration.</summary>
    /// <remarks>Called for the workers in index order, the server sums their messages as they come
    /// (<see cref="DistributedAlgorithm{T}.WorkerDone"/>); in any other order the update still sums them in index
    /// order, at <see cref="FinishIteration"/>.</remarks>
    public WorkerOutcome StepWorker(int worker)
    {
        var outcome = Step(worker);
        Algorithm.WorkerDone(worker);
        if (ReleaseAfterStep && _uploads[worker] is { } payload)
        {
            _spare.Push((payload, _buffers[worker]));
            _uploads[worker] = null;
            _buffers[worker] = [];
        }

        return outcome;
    }

    private WorkerOutcome Step(int worker)
    {
        if (!Algorithm.IsRequested(worker))
        {
            return new WorkerOutcome(worker, WorkerDecision.NotRequested, 0, 0, false);
        }

        var source = _sources[worker];
        source.NextBatch();
        var upload = _uploads[worker] ??= Lend(worker);
        var decision = Algorithm.WorkerStep(worker, source, upload);
        var requested = Algorithm.SendsRequests;
        if (decision != WorkerDecision.Upload)
        {
            return new WorkerOutcome(worker, decision, 0, 0, requested);
        }

        // The encoded bytes, which for a dense float32 upload are the payload's own memory (no copy); the server
        // decodes them where they lie.
        var encoded = Encoding.EncodeInPlace(upload, ref _buffers[worker]);
        var bytes = encoded.Length;
        Algorithm.Receive(worker, Encoding, encoded);
        var bits = Algorithm.PaperBits(upload);
        Uploads++;
        _uploadsThisIteration++;
        UploadBytes += bytes;
        PaperBits += bits;
        return new WorkerOutcome(worker, decision, bytes, bits, requested);
    }

    private Payload<T> Lend(int worker)
    {
        if (ReleaseAfterStep && _spare.TryPop(out var spare))
        {
            _buffers[worker] = spare.Buffer;
            return spare.Payload;
        }

        return new Payload<T>(Algorithm.Dimension);
    }

    /// <summary>Ends the iteration with the server's update.</summary>
    public void FinishIteration()
    {
        CountedUploads += Algorithm.CountedUploads(_uploadsThisIteration);
        _uploadsThisIteration = 0;
        Algorithm.Update();
    }

    /// <summary>Runs one whole iteration (every worker in index order, then the update) and returns the outcomes.</summary>
    public WorkerOutcome[] RunIteration()
    {
        var outcomes = new WorkerOutcome[Algorithm.Workers];
        for (var m = 0; m < outcomes.Length; m++)
        {
            outcomes[m] = StepWorker(m);
        }

        FinishIteration();
        return outcomes;
    }
}
