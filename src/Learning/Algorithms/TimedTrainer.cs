using System.Numerics;
using Sasg.Learning.Encoding;

namespace Sasg.Learning.Algorithms;

/// <summary>Runs a distributed algorithm under a time-driven protocol: a worker steps when it pulls the server's model,
/// its upload is delivered (or dropped) when the simulated network says so, and the server updates by
/// <see cref="TimedAggregation"/>. Knows nothing of links or time: a driver calls <see cref="Step"/> at a pull,
/// <see cref="Deliver"/> or <see cref="Drop"/> at an upload's fate, then <see cref="Report"/> (asynchronous, buffered)
/// or <see cref="FinishRound"/> (deadline).</summary>
/// <remarks>
/// A worker's step runs at the server's model of the moment it pulls (<see cref="DistributedAlgorithm{T}.Theta"/>,
/// version <see cref="DistributedAlgorithm{T}.Iteration"/>), with its own step count and, for a lazy rule, its own
/// history: the squared changes between the consecutive models it pulled (the server's recorded change when the two
/// are one update apart, as in a synchronous run; the squared distance of the two models when more; nothing when the
/// same). A worker has at most one upload in flight. docs/algorithms.md, "Under time-driven protocols", says what each
/// method does; when every worker pulls every model and reports in worker order, K = M buffered (and deadline rounds
/// in which everyone is on time) give the synchronous run's bits.
/// </remarks>
/// <typeparam name="T">The model's element type.</typeparam>
public sealed class TimedTrainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IReadOnlyList<IGradientSource<T>> _sources;
    private readonly int _bufferSize;
    private readonly Payload<T>?[] _uploads;
    private readonly byte[][] _buffers;
    private readonly int[] _lengths;
    private readonly bool[] _pending;
    private readonly bool[] _reportDue;
    private readonly bool[] _uploaded;
    private readonly int[] _steps;
    private readonly int[] _stepVersion;
    private readonly int[] _messageVersion;
    private readonly IterateHistory?[] _histories;
    private readonly T[]?[] _pulledModels;
    private readonly List<AppliedMessage> _collecting = [];
    private readonly List<AppliedMessage> _lastUpdate = [];
    private int _reportsInBuffer;

    /// <summary>A trainer of <paramref name="algorithm"/> (new: no update made yet) over one gradient source per worker.</summary>
    /// <param name="algorithm">The method; the trainer takes it over (no <see cref="SynchronousTrainer{T}"/> may use it).</param>
    /// <param name="sources">One gradient source per worker.</param>
    /// <param name="encoding">The encoding of uploads.</param>
    /// <param name="aggregation">How reports become updates.</param>
    /// <param name="damping">The weight of a message by its staleness (every protocol; 1 at staleness 0).</param>
    /// <param name="bufferSize">K, the reports per update of <see cref="TimedAggregation.Buffered"/>; ignored otherwise.</param>
    /// <exception cref="ArgumentException">A method with server-side selection under the asynchronous or buffered
    /// protocol, or a source count that is not the method's worker count.</exception>
    public TimedTrainer(
        DistributedAlgorithm<T> algorithm,
        IReadOnlyList<IGradientSource<T>> sources,
        IWireEncoding encoding,
        TimedAggregation aggregation,
        StalenessDamping damping = StalenessDamping.None,
        int bufferSize = 1)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(encoding);
        if (sources.Count != algorithm.Workers)
        {
            throw new ArgumentException($"{sources.Count} gradient sources for {algorithm.Workers} workers.", nameof(sources));
        }

        if (aggregation != TimedAggregation.Deadline && algorithm.HasServerSideSelection)
        {
            throw new ArgumentException(
                $"{algorithm.Name} selects workers on the server, which has no meaning under the {aggregation} protocol.", nameof(aggregation));
        }

        if (aggregation == TimedAggregation.Buffered)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        }

        algorithm.EnterTimedMode();
        Algorithm = algorithm;
        Encoding = encoding;
        Aggregation = aggregation;
        Damping = damping;
        _sources = sources;
        _bufferSize = aggregation == TimedAggregation.Buffered ? bufferSize : 1;
        var m = algorithm.Workers;
        _uploads = new Payload<T>?[m];
        _buffers = Enumerable.Repeat(Array.Empty<byte>(), m).ToArray();
        _lengths = new int[m];
        _pending = new bool[m];
        _reportDue = new bool[m];
        _uploaded = new bool[m];
        _steps = new int[m];
        _stepVersion = new int[m];
        _messageVersion = new int[m];
        _histories = new IterateHistory?[m];
        _pulledModels = new T[]?[m];
    }

    /// <summary>The method being run.</summary>
    public DistributedAlgorithm<T> Algorithm { get; }

    /// <summary>The encoding of uploads.</summary>
    public IWireEncoding Encoding { get; }

    /// <summary>How reports become updates.</summary>
    public TimedAggregation Aggregation { get; }

    /// <summary>The weight of a message by its staleness.</summary>
    public StalenessDamping Damping { get; }

    /// <summary>Uploads sent so far (delivered, dropped or still in flight).</summary>
    public long Uploads { get; private set; }

    /// <summary>Encoded bytes of the uploads sent so far.</summary>
    public long UploadBytes { get; private set; }

    /// <summary>Bits of the uploads sent so far as the papers count them.</summary>
    public long PaperBits { get; private set; }

    /// <summary>Uploads delivered so far.</summary>
    public long Delivered { get; private set; }

    /// <summary>Uploads dropped so far.</summary>
    public long Dropped { get; private set; }

    /// <summary>Buffered: the reports in the buffer now (fewer than K); 0 otherwise.</summary>
    public int ReportsInBuffer => _reportsInBuffer;

    /// <summary>The messages of the most recent server update, with their staleness; empty before the first.</summary>
    public IReadOnlyList<AppliedMessage> LastUpdate => _lastUpdate;

    /// <summary>How many steps worker <paramref name="worker"/> has made.</summary>
    public int StepsOf(int worker) => _steps[worker];

    /// <summary>The server version (update count) of the model worker <paramref name="worker"/> last stepped at.</summary>
    public int PulledVersionOf(int worker) => _stepVersion[worker];

    /// <summary>Whether worker <paramref name="worker"/> has an upload neither delivered nor dropped.</summary>
    public bool HasUploadInFlight(int worker) => _pending[worker];

    /// <summary>Worker <paramref name="worker"/>'s own iterate history; null before its first pull or when the rule reads none.</summary>
    internal IterateHistory? HistoryOf(int worker) => _histories[worker];

    /// <summary>Worker <paramref name="worker"/> pulls the server's current model and steps at it: draws its batch,
    /// lets the rule decide and encodes an upload, which waits for <see cref="Deliver"/> or <see cref="Drop"/>.</summary>
    /// <exception cref="InvalidOperationException">The worker's previous upload is still in flight.</exception>
    public WorkerOutcome Step(int worker)
    {
        if (_pending[worker])
        {
            throw new InvalidOperationException($"Worker {worker}'s upload is still in flight; deliver or drop it before its next step.");
        }

        if (!Algorithm.IsRequested(worker))
        {
            return new WorkerOutcome(worker, WorkerDecision.NotRequested, 0, 0, false);
        }

        var version = Algorithm.Iteration;
        var history = Pull(worker, version);
        var source = _sources[worker];
        source.NextBatch();
        var upload = _uploads[worker] ??= new Payload<T>(Algorithm.Dimension);
        var decision = Algorithm.TimedWorkerStep(worker, source, upload, _steps[worker], history);
        _steps[worker]++;
        _stepVersion[worker] = version;
        _reportDue[worker] = true;
        _uploaded[worker] = decision == WorkerDecision.Upload;
        var requested = Algorithm.SendsRequests;
        if (decision != WorkerDecision.Upload)
        {
            return new WorkerOutcome(worker, decision, 0, 0, requested);
        }

        var bytes = Encoding.Encode(upload, ref _buffers[worker]);
        _lengths[worker] = bytes;
        _pending[worker] = true;
        var bits = Algorithm.PaperBits(upload);
        Uploads++;
        UploadBytes += bytes;
        PaperBits += bits;
        return new WorkerOutcome(worker, decision, bytes, bits, requested);
    }

    /// <summary>Worker <paramref name="worker"/>'s upload reached the server: it is decoded into the worker's stored
    /// message (which the next <see cref="Report"/> or <see cref="FinishRound"/> uses).</summary>
    /// <exception cref="InvalidOperationException">The worker has no upload in flight.</exception>
    public void Deliver(int worker)
    {
        RequireInFlight(worker);
        Algorithm.TimedReceive(worker, Encoding, _buffers[worker].AsSpan(0, _lengths[worker]));
        _pending[worker] = false;
        _messageVersion[worker] = _stepVersion[worker];
        Delivered++;
    }

    /// <summary>Worker <paramref name="worker"/>'s upload never reaches the server (or the server discards it): the
    /// server keeps the worker's old stored message; the worker's own state (error memory, delay counter, last-upload
    /// iterate) stays as its step left it. No report follows.</summary>
    /// <exception cref="InvalidOperationException">The worker has no upload in flight.</exception>
    public void Drop(int worker)
    {
        RequireInFlight(worker);
        _pending[worker] = false;
        _reportDue[worker] = false;
        Dropped++;
    }

    /// <summary>Whether the last <see cref="Report"/> counted towards the buffer (false for a worker that had no message
    /// yet): what a free-running server counts as an arrival, so that its updates are the trainer's.</summary>
    public bool LastReportCounted { get; private set; }

    /// <summary>Asynchronous and buffered: worker <paramref name="worker"/>'s report of its last step reached the server
    /// (its delivered upload, or a skip notice, which applies its stored message again). The message is added with
    /// weight damping(tau), tau = updates since the worker's pull; returns whether this report completed an update
    /// (every report when asynchronous, every K-th when buffered; <see cref="LastUpdate"/> lists its messages). A
    /// report of a worker that has no message yet (its only upload was dropped) adds nothing and does not count.</summary>
    /// <exception cref="InvalidOperationException">Deadline rounds; the step's upload was neither delivered nor
    /// dropped, or was dropped; or the worker has not stepped since its last report.</exception>
    public bool Report(int worker)
    {
        if (Aggregation == TimedAggregation.Deadline)
        {
            throw new InvalidOperationException("Deadline rounds end with FinishRound, not with reports.");
        }

        RequireNotInFlight(worker);
        if (!_reportDue[worker])
        {
            throw new InvalidOperationException($"Worker {worker} has no step to report (not stepped since its last report, or its upload was dropped).");
        }

        _reportDue[worker] = false;
        LastReportCounted = false;
        var staleness = Algorithm.Iteration - _stepVersion[worker];
        var weight = Weight(staleness);
        if (!Algorithm.AddToPendingUpdate(worker, T.CreateTruncating(weight)))
        {
            return false;
        }

        LastReportCounted = true;

        _collecting.Add(new AppliedMessage(worker, staleness, _uploaded[worker], weight));
        if (++_reportsInBuffer < _bufferSize)
        {
            return false;
        }

        _reportsInBuffer = 0;
        Apply();
        return true;
    }

    /// <summary>Deadline rounds: the round's update, the sum in worker order of every message delivered since the last
    /// update (stale ones with weight damping(tau)) and, for a method that reuses messages, every other worker's stored
    /// message (as if it had skipped). Uploads still in flight stay so: delivered later, they count in a later round.</summary>
    /// <exception cref="InvalidOperationException">Not deadline rounds.</exception>
    public void FinishRound()
    {
        if (Aggregation != TimedAggregation.Deadline)
        {
            throw new InvalidOperationException($"The {Aggregation} protocol updates on reports, not rounds.");
        }

        for (var m = 0; m < Algorithm.Workers; m++)
        {
            var fresh = Algorithm.IsFresh(m);
            var staleness = fresh ? Algorithm.Iteration - _messageVersion[m] : 0;
            var weight = fresh ? Weight(staleness) : 1.0;
            if (Algorithm.AddToPendingUpdate(m, T.CreateTruncating(weight)) && fresh)
            {
                _collecting.Add(new AppliedMessage(m, staleness, true, weight));
            }

            _reportDue[m] = false;
        }

        Apply();
    }

    private void Apply()
    {
        Algorithm.ApplyPendingUpdate();
        _lastUpdate.Clear();
        _lastUpdate.AddRange(_collecting);
        _collecting.Clear();
    }

    private double Weight(int staleness) => Damping switch
    {
        StalenessDamping.Inverse => 1.0 / (1 + staleness),
        StalenessDamping.InverseSquareRoot => 1.0 / Math.Sqrt(1.0 + staleness),
        _ => 1.0,
    };

    // The worker's history at a pull of the model of version `version` (now the server's Theta).
    private IterateHistory? Pull(int worker, int version)
    {
        if (!Algorithm.RuleReadsHistory)
        {
            return null;
        }

        var theta = Algorithm.Theta;
        var history = _histories[worker] ??= new IterateHistory(Algorithm.History.Capacity);
        var last = _pulledModels[worker];
        if (last is null)
        {
            _pulledModels[worker] = theta.ToArray();
            return history;
        }

        var previous = _stepVersion[worker];
        if (version == previous + 1)
        {
            // One update apart: its change as the server recorded it, so a worker that pulls every model reads the
            // server's history bit for bit.
            history.Push(Algorithm.History[1]);
        }
        else if (version > previous)
        {
            history.Push(SquaredDistance(theta, last));
        }
        else
        {
            return history;
        }

        theta.CopyTo(last, 0);
        return history;
    }

    // ||a - b||^2 in coordinate order in double, as the server's change is summed (no dependence on the vector width).
    private static double SquaredDistance(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = double.CreateTruncating(a[i] - b[i]);
            sum += d * d;
        }

        return sum;
    }

    private void RequireInFlight(int worker)
    {
        if (!_pending[worker])
        {
            throw new InvalidOperationException($"Worker {worker} has no upload in flight.");
        }
    }

    private void RequireNotInFlight(int worker)
    {
        if (_pending[worker])
        {
            throw new InvalidOperationException($"Worker {worker}'s upload is still in flight; deliver or drop it first.");
        }
    }
}
