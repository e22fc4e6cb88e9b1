using System.Diagnostics;
using System.Globalization;
using Sasg.Experiments.Driver;
using Spectre.Console;

namespace Sasg.Cli.Rendering;

/// <summary>Shows a run's progress: a live Spectre display (one bar per method with uploads and simulated time, and a
/// first bar for the whole run with the time it has left) in an interactive terminal; plain lines (about every tenth
/// of a method's iterations, each with the whole run's time left) when the output is redirected or in CI, so that logs
/// stay readable. The time left is one estimate for all methods (<see cref="RunEstimate"/>), never one per method.</summary>
internal static class ProgressReporter
{
    private const string WholeRun = "all methods";
    private const int WholeRunSteps = 1000;

    /// <summary>Runs <paramref name="work"/>, giving it a progress callback that draws on <paramref name="console"/>.</summary>
    /// <param name="console">Where progress is shown.</param>
    /// <param name="methods">The labels of the methods, in the order they run.</param>
    /// <param name="iterations">The most iterations each method runs.</param>
    /// <param name="work">The run; it calls the callback after every iteration.</param>
    /// <param name="parallelMethods">How many methods run at once.</param>
    public static T Run<T>(IAnsiConsole console, IReadOnlyList<string> methods, int iterations, Func<Action<RunProgress>, T> work, int parallelMethods = 1)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(work);
        var clock = Stopwatch.StartNew();
        var estimate = new RunEstimate(methods, iterations, parallelMethods, () => clock.Elapsed);
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi)
        {
            return work(Lines(console, estimate));
        }

        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new SpinnerColumn())
            .Start(context =>
            {
                var whole = context.AddTask(Left(WholeRun, estimate), maxValue: WholeRunSteps);
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
                        estimate.Report(progress);
                        if (!task.IsStarted)
                        {
                            task.MaxValue = progress.Iterations;
                            task.StartTask();
                        }

                        task.Value = progress.Iteration;
                        task.Description = Describe(
                            progress.Algorithm, progress.Iteration, progress.Iterations, progress.Uploads, progress.SimulatedSeconds);
                        whole.Value = estimate.DoneFraction * WholeRunSteps;
                        whole.Description = Left(WholeRun, estimate);
                    }
                });
                foreach (var task in tasks.Values.Append(whole))
                {
                    Finish(task);
                }

                whole.Description = WholeRun;
                return result;
            });
    }

    /// <summary>A progress callback writing plain lines to <paramref name="console"/> (safe to call from several
    /// threads, one per method), each with the whole run's time left as <paramref name="estimate"/> gives it.</summary>
    public static Action<RunProgress> Lines(IAnsiConsole console, RunEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var steps = new Dictionary<string, int>(StringComparer.Ordinal);
        var gate = new Lock();
        return progress =>
        {
            lock (gate)
            {
                estimate.Report(progress);
                if (!steps.TryGetValue(progress.Algorithm, out var step))
                {
                    step = Math.Max(1, progress.Iterations / 10);
                    steps[progress.Algorithm] = step;
                }

                if (progress.Iteration % step != 0)
                {
                    return;
                }

                console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {progress.Algorithm}: iteration {progress.Iteration}/{progress.Iterations}, {progress.Uploads} uploads, {progress.SimulatedSeconds:0.000000} simulated s{Left(string.Empty, estimate)}"));
            }
        };
    }

    // "<label>, at most 3 min 20 s left in all" (nothing before the first iteration, when no pace is known).
    private static string Left(string label, RunEstimate estimate) =>
        estimate.Remaining is not { } left
            ? label
            : string.Create(CultureInfo.InvariantCulture, $"{label}; at most {Duration(left)} left in all");

    private static string Duration(TimeSpan time)
    {
        var seconds = (long)Math.Ceiling(time.TotalSeconds);
        return seconds < 120
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min {seconds % 60} s");
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
}
