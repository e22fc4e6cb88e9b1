using Sasg.Experiments.Replay;

namespace Sasg.Experiments.Driver;

/// <summary>What one method has computed so far: its evaluation points, its decisions and its totals after the last
/// completed iteration. The method's runner appends; a checkpoint or a failed run reads a copy from another thread.</summary>
/// <remarks>The decisions go to a <see cref="DecisionStore"/>: packed in memory, or spooled to <c>spoolPath</c>.</remarks>
internal sealed class MethodRecord(string label, string? spoolPath = null) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<MetricsRow> _metrics = [];
    private readonly DecisionStore _decisions = new(label, spoolPath);
    private int _iterations;
    private long _uploads;
    private long _uploadBytes;
    private long _paperBits;
    private double _seconds;
    private AlgorithmResult? _finished;
    private Exception? _error;

    public string Label { get; } = label;

    /// <summary>Iterations completed so far (a failed method failed in the next one).</summary>
    public int Iterations
    {
        get
        {
            lock (_lock)
            {
                return _iterations;
            }
        }
    }

    /// <summary>The error that ended the method, or null.</summary>
    public Exception? Error
    {
        get
        {
            lock (_lock)
            {
                return _error;
            }
        }
    }

    /// <summary>The evaluation points so far; the list the runner appends to (read it only once the method ended).</summary>
    public List<MetricsRow> Metrics => _metrics;

    /// <summary>Every decision recorded so far (read it once the method ended).</summary>
    public IReadOnlyList<DecisionRow> Decisions => _decisions.All();

    public void AddMetrics(MetricsRow row)
    {
        lock (_lock)
        {
            _metrics.Add(row);
        }
    }

    public void AddDecision(DecisionRow row)
    {
        _decisions.Add(row);
    }

    /// <summary>Records a decision given by its fields, with no row object.</summary>
    public void AddDecision(int iteration, int worker, DecisionKind kind, long bytes, long computeNanoseconds, bool requested)
    {
        _decisions.Add(iteration, worker, kind, bytes, computeNanoseconds, requested);
    }

    /// <summary>Records the totals after <paramref name="iterations"/> completed iterations.</summary>
    public void Completed(int iterations, long uploads, long uploadBytes, long paperBits, double seconds)
    {
        lock (_lock)
        {
            (_iterations, _uploads, _uploadBytes, _paperBits, _seconds) = (iterations, uploads, uploadBytes, paperBits, seconds);
        }
    }

    public void Finish(AlgorithmResult result)
    {
        lock (_lock)
        {
            _finished = result;
        }
    }

    public void Fail(Exception error)
    {
        lock (_lock)
        {
            _error ??= error;
        }
    }

    /// <summary>The method's result so far: the finished result, or the rows and totals up to the last completed
    /// iteration with stop reason "failed" (its error ended it) or "unfinished" (stopped by another method's error,
    /// or still running).</summary>
    public AlgorithmResult Snapshot()
    {
        lock (_lock)
        {
            if (_finished is not null)
            {
                return _finished;
            }

            var failed = _error is not null and not OperationCanceledException;
            return new AlgorithmResult(
                Label,
                _iterations,
                _uploads,
                _uploadBytes,
                _paperBits,
                _seconds,
                [.. _metrics],
                // Another thread may be adding the decisions of the iteration in progress.
                _decisions.Prefix(_decisions.CountBefore(_iterations)),
                failed ? "failed" : "unfinished",
                failed ? $"{Label} failed at iteration {_iterations}: {FirstLine(_error!.Message)}" : string.Empty);
        }
    }

    /// <summary>Deletes the decision spool, if any.</summary>
    public void Dispose() => _decisions.Dispose();

    internal static string FirstLine(string message)
    {
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? message : message[..end]).Trim();
    }
}
