using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

[NonParallelizable]
public sealed class PlotCommandTests
{
    [Test]
    public void Plot_OnAMissingFolder_PrintsOneLineAndExitsTwo()
    {
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["plot", "/nonexistent/results"], new TestConsole(), error, DatasetLocator.Default);

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(lines, Is.EqualTo(new[] { "sasg: /nonexistent/results: no such results folder; run 'sasg run' first" }));
        }
    }

    [Test]
    public void Plot_OnAFolderWithoutMetrics_PrintsOneLineAndExitsTwo()
    {
        using var folder = new TemporaryDirectory();
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["plot", folder.Path], new TestConsole(), error, DatasetLocator.Default);

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(lines, Has.Length.EqualTo(1));
            Assert.That(lines[0], Does.StartWith($"sasg: {folder.Path}: ").And.EndWith("; run 'sasg run' first"));
        }
    }

    [Test]
    public void Plot_AfterARun_RedrawsThePlotsAndExitsZero()
    {
        using var output = new TemporaryDirectory();
        var runConsole = new TestConsole().Width(200);
        var runExitCode = SasgApp.Run(["run", "--output", output.Path], runConsole, new StringWriter(), DatasetLocator.Default);
        var plots = Path.Combine(output.Path, "plots");
        var drawnByRun = Directory.Exists(plots) ? Directory.GetFiles(plots).Length : 0;
        Directory.Delete(plots, recursive: true);
        var manifest = Path.Combine(output.Path, ".sasg-files");
        File.WriteAllLines(manifest, File.ReadAllLines(manifest).Where(line => !line.StartsWith("plots/", StringComparison.Ordinal)));
        var console = new TestConsole().Width(200);
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["plot", output.Path], console, error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(runExitCode, Is.Zero);
            Assert.That(runConsole.Output, Does.Contain($"plots: {drawnByRun} files in {plots}"), "sasg run draws the plots too");
            Assert.That(exitCode, Is.Zero, error.ToString());
            Assert.That(error.ToString(), Is.Empty);
            Assert.That(console.Output, Does.Contain($"plots: {drawnByRun} files in {plots}"));
            Assert.That(console.Output, Does.Contain("skipped accuracy-vs-*: test_accuracy is NaN"));
            Assert.That(
                File.ReadAllLines(manifest),
                Does.Contain("plots/loss-vs-uploads.png").And.Contain("metrics.csv"),
                "the plots sasg plot drew are listed, so the next run into the folder deletes them");
            foreach (var file in new[]
            {
                "loss-vs-uploads.png", "loss-vs-bits.svg", "objective-error-vs-seconds.png", "objective-error-vs-iterations.svg",
                "uploads-per-iteration.png", "timeline-GD.png", "timeline-LAG-WK.svg", "timeline-LAG-PS.png",
            })
            {
                Assert.That(File.Exists(Path.Combine(plots, file)), Is.True, file);
            }
        }
    }
}
