using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

[NonParallelizable]
public sealed class RunCommandTests
{
    [Test]
    public void Run_WithoutScenario_RunsTheEmbeddedDefault_WritesResults_AndExitsZero()
    {
        using var output = new TemporaryDirectory();
        var console = new TestConsole().Width(200);
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["run", "--output", output.Path], console, error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, error.ToString());
            Assert.That(console.Output, Does.Contain("GD").And.Contain("LAG-WK").And.Contain("LAG-PS").And.Contain("objective"));
            foreach (var file in new[] { "metrics.csv", "decisions.csv", "summary.json", "report.md", "scenario.json", "trace.csv", "trace.json" })
            {
                Assert.That(File.Exists(Path.Combine(output.Path, file)), Is.True, file);
            }
        }
    }

    [Test]
    public void Run_InAnInteractiveTerminal_ShowsTheLiveDisplay_AndInARedirectedOneWritesPlainLines()
    {
        using var live = new TemporaryDirectory();
        using var plain = new TemporaryDirectory();
        var terminal = new TestConsole().Width(200).Interactive().SupportsAnsi(true);
        var redirected = new TestConsole().Width(200);

        var liveCode = SasgApp.Run(["run", "--output", live.Path], terminal, new StringWriter(), DatasetLocator.Default);
        var plainCode = SasgApp.Run(["run", "--output", plain.Path], redirected, new StringWriter(), DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((liveCode, plainCode), Is.EqualTo((0, 0)));
            Assert.That(terminal.Output, Does.Match(@"LAG-PS\s+\d+/5000 it\.\s+\d+ uploads\s+[0-9.]+ sim\. s"), "a live task per method");
            Assert.That(terminal.Output, Does.Contain("100%"));
            Assert.That(terminal.Output, Does.Not.Contain("iteration 1/"));
            Assert.That(redirected.Output, Does.Not.Match(@"\d+ uploads\s+[0-9.]+ sim\. s").And.Not.Contain("%"), "no live display when redirected");
            Assert.That(File.ReadAllBytes(Path.Combine(live.Path, "metrics.csv")),
                Is.EqualTo(File.ReadAllBytes(Path.Combine(plain.Path, "metrics.csv"))), "the display changes nothing else");
        }
    }

    [Test]
    public void Run_WithTracesOff_RemovesAnEarlierRunsTraces_SoNoTimelineIsDrawnFromThem()
    {
        using var folder = new TemporaryDirectory();
        var scenario = folder.WriteFile("s.json", """
            { "name": "s", "data": { "source": "lag-synthetic", "workers": 3 }, "model": { "kind": "linear" },
              "training": { "iterations": 3, "stepSize": "1/L" }, "algorithms": [ { "name": "GD" } ],
              "outputs": { "trace": false, "plots": true } }
            """);
        var output = Path.Combine(folder.Path, "out");
        Directory.CreateDirectory(output);
        foreach (var stale in new[] { "trace.csv", "trace.json", "trace-GD.csv", "trace-GD.json" })
        {
            File.WriteAllText(Path.Combine(output, stale), "stale");
        }

        var code = SasgApp.Run(["run", scenario, "--output", output], new TestConsole().Width(200), new StringWriter(), DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.Zero);
            Assert.That(Directory.GetFiles(output, "trace*"), Is.Empty);
            Assert.That(File.Exists(Path.Combine(output, "plots", "timeline-GD.png")), Is.False);
        }
    }

    [Test]
    public void Run_WithParallelZero_ExitsTwoNamingTheFlag()
    {
        var error = new StringWriter();

        var code = SasgApp.Run(["run", "--parallel", "0"], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain("--parallel 0"));
        }
    }

    [Test]
    public void Run_WithABrokenScenario_PrintsEveryProblemWithFileAndPath_AndExitsTwo()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("broken.json", """
            { "name": "broken", "data": { "source": "lag-synthetic", "workers": 0 },
              "model": { "kind": "linear" }, "training": { "iterations": 5, "stepSize": "1/L" },
              "algorithms": [ { "name": "GD" } ], "network": { "uplinc": "1Gbps" } }
            """);
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["run", path], new TestConsole(), error, DatasetLocator.Default);

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(lines, Has.Length.GreaterThanOrEqualTo(2), "every problem at once");
            Assert.That(lines, Has.Some.Contains("$.data.workers"));
            Assert.That(lines, Has.Some.Contains("$.network.uplinc"));
            Assert.That(lines, Has.All.StartsWith(path));
        }
    }

    [Test]
    public void Run_WithAMissingFile_ExitsTwoNamingIt()
    {
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["run", "/nonexistent/scenario.json"], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain("/nonexistent/scenario.json"));
        }
    }
}
