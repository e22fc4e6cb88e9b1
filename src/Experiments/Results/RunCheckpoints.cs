using System.Diagnostics;
using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Results;

/// <summary>Writes what a run has computed so far into its results folder (<see cref="ResultsFolder.WriteIncomplete"/>)
/// from time to time while it runs, so that a run that is killed or crashes leaves a folder saying how far it got.</summary>
/// <remarks>A checkpoint is written when <see cref="Observe"/> is called at least <c>interval</c> after the last one,
/// and never takes more than about a twentieth of the run: after a slow write the next waits twenty times as long.
/// Calls from several threads at once write one checkpoint. An interval of zero writes at every call.</remarks>
public sealed class RunCheckpoints
{
    /// <summary>The error text of a checkpoint: nothing failed yet.</summary>
    public const string Unfinished = "the run had not finished when this was written: it is still running, or it was killed";

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _directory;
    private readonly RunPlan _plan;
    private readonly RunRecorder _recorder;
    private readonly string? _resolvedScenarioJson;
    private readonly TimeSpan _interval;
    private TimeSpan _due;
    private int _writing;

    /// <summary>Checkpoints of the run of <paramref name="plan"/> into <paramref name="directory"/>.</summary>
    /// <param name="directory">The results folder.</param>
    /// <param name="plan">The run's plan.</param>
    /// <param name="recorder">The recorder the run fills.</param>
    /// <param name="resolvedScenarioJson">scenario.json, or null.</param>
    /// <param name="interval">The least time between two checkpoints.</param>
    public RunCheckpoints(string directory, RunPlan plan, RunRecorder recorder, string? resolvedScenarioJson, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(recorder);
        (_directory, _plan, _recorder, _resolvedScenarioJson, _interval, _due) =
            (directory, plan, recorder, resolvedScenarioJson, interval, interval);
    }

    /// <summary>How many checkpoints were written.</summary>
    public int Written { get; private set; }

    /// <summary>Why the last checkpoint that could not be written failed, or null when none failed.</summary>
    /// <remarks>A checkpoint is insurance: a failed one (a full disk for a moment, a folder briefly unwritable) must not
    /// end a run that would finish, so <see cref="Observe"/> keeps the reason here and tries again an interval later;
    /// only the final write can fail the run.</remarks>
    public string? LastFailure { get; private set; }

    /// <summary>Writes a checkpoint if one is due (call it after each iteration); a write that fails is kept in
    /// <see cref="LastFailure"/>, never thrown.</summary>
    public void Observe()
    {
        if (_clock.Elapsed < _due || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
        {
            return;
        }

        try
        {
            Write(Unfinished);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LastFailure = ex.Message;
            _due = _clock.Elapsed + _interval;
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>Writes a checkpoint now, with <paramref name="error"/> as the reason the run is incomplete.</summary>
    public void Write(string error)
    {
        var started = _clock.Elapsed;
        ResultsFolder.WriteIncomplete(_directory, _plan, _recorder.Snapshot(), _recorder.CompletedIterations, error, _resolvedScenarioJson);
        var took = _clock.Elapsed - started;
        _due = _interval == TimeSpan.Zero ? TimeSpan.Zero : _clock.Elapsed + (_interval > took * 20 ? _interval : took * 20);
        Written++;
    }
}
