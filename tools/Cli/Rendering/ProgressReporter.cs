using System.Globalization;
using Sasg.Experiments.Driver;
using Spectre.Console;

namespace Sasg.Cli.Rendering;

/// <summary>Shows a run's progress: a live Spectre display (one bar per method with uploads, simulated time and the
/// time left) in an interactive terminal; plain lines (about every tenth of a method's iterations) when the output is
/// redirected or in CI, so that logs stay readable.</summary>
internal static class ProgressReporter
{
    /// <summary>Runs <paramref name="work"/>, giving it a progress callback that draws on <paramref name="console"/>.</summary>
    /// <param name="console">Where progress is shown.</param>
    /// <param name="methods">The labels of the methods, in the order they run.</param>
    /// <param name="iterations">The most iterations each method runs.</param>
    /// <param name="work">The run; it calls the callback after every iteration.</param>
    public static T Run<T>(IAnsiConsole console, IReadOnlyList<string> methods, int iterations, Func<Action<RunProgress>, T> work)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(work);
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi)
        {
            return work(Lines(console));
        }

        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(context =>
            {
                var tasks = methods.ToDictionary(
                    m => m,
                    m => context.AddTask(Describe(m, 0, iterations, 0, 0), autoStart: false, maxValue: iterations),
                    StringComparer.Ordinal);
                var gate = new Lock();
                var result = work(progress =>
                {
                    var task = tasks[progress.Algorithm];
                    lock (gate)
                    {
                        if (!task.IsStarted)
                        {
                            task.MaxValue = progress.Iterations;
                            task.StartTask();
                        }

                        task.Value = progress.Iteration;
                        task.Description = Describe(
                            progress.Algorithm, progress.Iteration, progress.Iterations, progress.Uploads, progress.SimulatedSeconds);
                    }
                });
                foreach (var task in tasks.Values)
                {
                    Finish(task);
                }

                return result;
            });
    }

    // A method that stops early (target reached, diverged) still shows as done.
    private static void Finish(ProgressTask? task)
    {
        if (task is { IsFinished: false })
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }

    private static string Describe(string method, int iteration, int iterations, long uploads, double seconds) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Markup.Escape(method),-10} {iteration,7}/{iterations} it. {uploads,9} uploads {seconds,12:0.000000} sim. s");

    /// <summary>A progress callback writing plain lines to <paramref name="console"/> (safe to call from several
    /// threads, one per method).</summary>
    public static Action<RunProgress> Lines(IAnsiConsole console)
    {
        var methods = new Dictionary<string, (int Step, System.Diagnostics.Stopwatch Started)>(StringComparer.Ordinal);
        var gate = new Lock();
        return progress =>
        {
            lock (gate)
            {
                if (!methods.TryGetValue(progress.Algorithm, out var method))
                {
                    method = (Math.Max(1, progress.Iterations / 10), System.Diagnostics.Stopwatch.StartNew());
                    methods[progress.Algorithm] = method;
                }

                if (progress.Iteration % method.Step != 0)
                {
                    return;
                }

                var done = progress.Iteration / (double)progress.Iterations;
                var eta = done > 0 ? method.Started.Elapsed.TotalSeconds * ((1 - done) / done) : 0;
                console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {progress.Algorithm}: iteration {progress.Iteration}/{progress.Iterations}, {progress.Uploads} uploads, {progress.SimulatedSeconds:0.000000} simulated s, at most {eta:0}s left"));
            }
        };
    }
}
