using Sasg.Experiments.Driver;

namespace Sasg.Cli.Rendering;

/// <summary>One estimate of the time a whole run has left, over all its methods: the iterations not yet run (every
/// iteration of a method not started yet) at the pace of those run so far. A method that stops early (target reached)
/// is seen to have ended when another starts in its place, so its unrun iterations stop counting; the estimate is an
/// upper bound while some method may still stop early.</summary>
/// <param name="methods">The labels of the methods, in the order they start.</param>
/// <param name="iterations">The most iterations each method runs.</param>
/// <param name="concurrency">How many methods run at once.</param>
/// <param name="elapsed">The wall-clock time since the run started (injected so that tests can drive it).</param>
internal sealed class RunEstimate(IReadOnlyList<string> methods, int iterations, int concurrency, Func<TimeSpan> elapsed)
{
    private readonly Dictionary<string, Method> _started = new(StringComparer.Ordinal);
    private long _reports;

    /// <summary>The share of the run's work done, from 0 to 1.</summary>
    public double DoneFraction
    {
        get
        {
            var total = Total();
            return total == 0 ? 1 : 1 - (Left() / (double)total);
        }
    }

    /// <summary>The time the run has left at its pace so far, or null before its first iteration.</summary>
    public TimeSpan? Remaining
    {
        get
        {
            var run = _started.Values.Sum(m => (long)m.Iteration);
            return run == 0 ? null : elapsed() * (Left() / (double)run);
        }
    }

    /// <summary>Takes in one progress report (callers serialize reports that come from several threads).</summary>
    public void Report(RunProgress progress)
    {
        if (!_started.TryGetValue(progress.Algorithm, out var method))
        {
            // A method starts when a running one has ended: the one that has been silent longest, if all are busy.
            var running = _started.Values.Where(m => !m.Ended).OrderBy(m => m.LastReport).ToList();
            if (running.Count >= concurrency)
            {
                running[0].Ended = true;
            }

            method = new Method();
            _started[progress.Algorithm] = method;
        }

        method.Iteration = progress.Iteration;
        method.Iterations = progress.Iterations;
        method.LastReport = ++_reports;
        method.Ended = progress.Iteration >= progress.Iterations;
    }

    private long Total() =>
        (long)methods.Count(m => !_started.ContainsKey(m)) * iterations + _started.Values.Sum(m => (long)m.Iterations);

    private long Left() =>
        (long)methods.Count(m => !_started.ContainsKey(m)) * iterations
        + _started.Values.Where(m => !m.Ended).Sum(m => (long)Math.Max(0, m.Iterations - m.Iteration));

    private sealed class Method
    {
        public int Iteration { get; set; }

        public int Iterations { get; set; }

        public long LastReport { get; set; }

        public bool Ended { get; set; }
    }
}
