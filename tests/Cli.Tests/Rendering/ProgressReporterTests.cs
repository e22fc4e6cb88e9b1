using Sasg.Cli.Rendering;
using Sasg.Experiments.Driver;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Rendering;

public sealed class ProgressReporterTests
{
    [Test]
    public void Lines_AcrossMethods_GiveOneFallingEstimateForTheWholeRun()
    {
        var console = new TestConsole().Width(400);
        var now = TimeSpan.Zero;
        var report = ProgressReporter.Lines(console, new RunEstimate(["GD", "LAG-WK"], 100, 1, () => now));

        for (var i = 1; i <= 100; i++)
        {
            now += TimeSpan.FromSeconds(1);
            report(new RunProgress("GD", i, 100, i, 0));
        }

        for (var i = 1; i <= 10; i++)
        {
            now += TimeSpan.FromSeconds(1);
            report(new RunProgress("LAG-WK", i, 100, i, 0));
        }

        var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines[0], Does.EndWith("; at most 3 min 10 s left in all"), "190 iterations left at 1 per second");
            Assert.That(lines.First(l => l.Contains("GD: iteration 100/100", StringComparison.Ordinal)), Does.EndWith("; at most 100 s left in all"));
            Assert.That(lines[^1], Does.Contain("LAG-WK: iteration 10/100").And.EndWith("; at most 90 s left in all"));
        }
    }
}
