using System.Globalization;
using Sasg.Experiments.Driver;
using Spectre.Console;

namespace Sasg.Cli.Rendering;

/// <summary>Plain progress lines (about every tenth of a method's iterations, and at its end), so that redirected
/// output and CI logs stay readable.</summary>
internal static class ProgressReporter
{
    /// <summary>A progress callback writing to <paramref name="console"/>.</summary>
    public static Action<RunProgress> For(IAnsiConsole console)
    {
        var step = 0;
        var current = string.Empty;
        var started = System.Diagnostics.Stopwatch.StartNew();
        return progress =>
        {
            if (progress.Algorithm != current)
            {
                current = progress.Algorithm;
                step = Math.Max(1, progress.Iterations / 10);
                started.Restart();
            }

            if (progress.Iteration % step != 0)
            {
                return;
            }

            var done = progress.Iteration / (double)progress.Iterations;
            var eta = done > 0 ? started.Elapsed.TotalSeconds * ((1 - done) / done) : 0;
            console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {progress.Algorithm}: iteration {progress.Iteration}/{progress.Iterations}, {progress.Uploads} uploads, {progress.SimulatedSeconds:0.000000} simulated s, at most {eta:0}s left"));
        };
    }
}
