using System.Globalization;

namespace Sasg.Experiments.Driver;

/// <summary>What every method of a run has computed so far, readable while the run goes (a checkpoint) and after it
/// failed (the partial results of a failed run); pass one to <see cref="ExperimentDriver.Run"/>.</summary>
/// <remarks>Decisions are kept packed in memory, or, when the recorder is given a folder, spooled to a temporary file
/// per method in it (<c>decisions-&lt;n&gt;.spool.tmp-&lt;pid&gt;</c>), so that a long run with many workers does not
/// hold them in memory; disposing the recorder deletes the spools, after which its results' decisions are gone.</remarks>
public sealed class RunRecorder : IDisposable
{
    private readonly MethodRecord[] _methods;
    private readonly Lock _lock = new();
    private (string Label, int Iteration, Exception Error)? _failure;

    /// <summary>A recorder for the methods of <paramref name="plan"/>, in the plan's order, keeping decisions in memory
    /// or, with <paramref name="spoolDirectory"/>, in temporary files there.</summary>
    public RunRecorder(RunPlan plan, string? spoolDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        _methods = new MethodRecord[plan.Algorithms.Count];
        try
        {
            for (var i = 0; i < _methods.Length; i++)
            {
                var spool = spoolDirectory is null
                    ? null
                    : Path.Combine(spoolDirectory, $"decisions-{i.ToString(CultureInfo.InvariantCulture)}.spool.tmp-{pid}");
                _methods[i] = new MethodRecord(plan.Algorithms[i].Label, spool);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Iterations completed by each method so far, in the plan's order.</summary>
    public IReadOnlyList<(string Label, int Iterations)> CompletedIterations =>
        _methods.Select(m => (m.Label, m.Iterations)).ToList();

    /// <summary>The method whose error ended the run and the iteration it failed in, or null when no method failed
    /// (a method stopped because another failed does not count).</summary>
    public (string Label, int Iteration, Exception Error)? Failure
    {
        get
        {
            lock (_lock)
            {
                return _failure;
            }
        }
    }

    /// <summary>Each method's result so far, in the plan's order (<see cref="AlgorithmResult.StopReason"/> "failed"
    /// or "unfinished" for a method that did not end by itself); a method with no evaluation point yet is left out.</summary>
    public IReadOnlyList<AlgorithmResult> Snapshot() =>
        _methods.Select(m => m.Snapshot()).Where(r => r.Metrics.Count > 0).ToList();

    internal int Count => _methods.Length;

    /// <summary>Deletes the decision spools (the decisions of every result taken from this recorder are gone).</summary>
    public void Dispose()
    {
        foreach (var method in _methods)
        {
            method?.Dispose();
        }
    }

    internal MethodRecord this[int index] => _methods[index];

    /// <summary>Records that method <paramref name="index"/> ended with <paramref name="error"/>; the first error that
    /// is not a cancellation is the run's failure.</summary>
    internal void Fail(int index, Exception error)
    {
        var method = _methods[index];
        method.Fail(error);
        if (error is OperationCanceledException)
        {
            return;
        }

        lock (_lock)
        {
            _failure ??= (method.Label, method.Iterations, error);
        }
    }
}
