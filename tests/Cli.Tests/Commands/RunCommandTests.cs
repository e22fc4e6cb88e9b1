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
    public void Run_IntoTheFolderOfAnEarlierRun_RemovesWhatThatRunWrote_SoNothingOfItIsTakenForThisRun()
    {
        using var folder = new TemporaryDirectory();
        var first = folder.WriteFile("first.json", TinyScenario("\"trace\": true, \"plots\": true", "{ \"name\": \"GD\" }, { \"name\": \"LAG-WK\" }"));
        var second = folder.WriteFile("second.json", TinyScenario("\"trace\": false, \"plots\": true", "{ \"name\": \"GD\" }"));
        var output = Path.Combine(folder.Path, "out");
        var notes = folder.WriteFile("out/notes.txt", "mine");

        var codes = (Run(first, output), File.Exists(Path.Combine(output, "plots", "timeline-LAG-WK.png")), Run(second, output));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(codes, Is.EqualTo((0, true, 0)));
            Assert.That(Directory.GetFiles(output, "trace*"), Is.Empty);
            Assert.That(Directory.GetFiles(Path.Combine(output, "plots"), "timeline-*"), Is.Empty, "no timeline from the earlier run's trace, nor its own");
            Assert.That(File.ReadAllText(notes), Is.EqualTo("mine"));
            Assert.That(File.ReadAllLines(Path.Combine(output, ".sasg-files")), Does.Contain("partition.csv").And.Contain("plots/loss-vs-iterations.png"));
        }
    }

    [Test]
    public void Run_WithTracesOff_KeepsAUsersOwnTraceCsv_AndExitsTwoNamingIt()
    {
        using var folder = new TemporaryDirectory();
        var scenario = folder.WriteFile("s.json", TinyScenario("\"trace\": false, \"plots\": true", "{ \"name\": \"GD\" }"));
        var trace = folder.WriteFile("out/trace.csv", "my own trace");
        var error = new StringWriter();

        var code = SasgApp.Run(["run", scenario, "--output", Path.GetDirectoryName(trace)!], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(File.ReadAllText(trace), Is.EqualTo("my own trace"));
            Assert.That(error.ToString(), Does.StartWith($"sasg: {Path.GetDirectoryName(trace)}: holds trace.csv, which no Sasg run listed"));
        }
    }

    [Test]
    public void Run_RemovesTheTemporaryFilesOfAKilledRun_AndLeavesNoneOfItsOwn()
    {
        using var folder = new TemporaryDirectory();
        using var gone = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        var output = Path.Combine(folder.Path, "out");
        var stale = new[] { "trace.part0.csv", "trace.part0.json", "metrics.csv", "decisions-0.spool", "plots/loss-vs-bits.png" }
            .Select(f => folder.WriteFile($"out/{f}.tmp-{gone.Id}", "x")).ToList();
        var users = folder.WriteFile($"out/notes.txt.tmp-{gone.Id}", "mine");

        var code = SasgApp.Run(["run", "--output", output], new TestConsole().Width(200), new StringWriter(), DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.Zero);
            Assert.That(stale.Where(File.Exists), Is.Empty);
            Assert.That(Directory.GetFiles(output, "*.tmp-*", SearchOption.AllDirectories), Is.EqualTo(new[] { users }));
        }
    }

    [Test]
    public void Run_WithANameThatIsNotPlain_ExitsTwoWithOneLineAtDollarName()
    {
        using var folder = new TemporaryDirectory();
        var scenario = folder.WriteFile("s.json", TinyScenario("\"trace\": false", "{ \"name\": \"GD\" }").Replace("\"name\": \"s\"", "\"name\": \"../../etc/x\"", StringComparison.Ordinal));
        var error = new StringWriter();

        var code = SasgApp.Run(["run", scenario], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.StartWith($"{scenario}: $.name: '../../etc/x' is not a plain name"));
            Assert.That(error.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        }
    }

    [Test]
    public void Run_WithAnOutputsDirectoryOutsideResults_ExitsTwo_UnlessAllowOutsideOrOutputIsGiven()
    {
        using var folder = new TemporaryDirectory();
        var scenario = folder.WriteFile("work/s.json", TinyScenario("\"trace\": false, \"plots\": false, \"directory\": \"../escape\"", "{ \"name\": \"GD\" }"));
        var error = new StringWriter();
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Path.GetDirectoryName(scenario)!);
        (int, bool, int, bool, int) codes;
        try
        {
            var refused = SasgApp.Run(["run", scenario], new TestConsole(), error, DatasetLocator.Default);
            var wroteNothing = !Directory.Exists(Path.Combine(folder.Path, "escape"));
            var allowed = SasgApp.Run(["run", scenario, "--allow-outside"], new TestConsole().Width(200), new StringWriter(), DatasetLocator.Default);
            var wrote = File.Exists(Path.Combine(folder.Path, "escape", "summary.json"));
            var given = SasgApp.Run(["run", scenario, "-o", Path.Combine(folder.Path, "given")], new TestConsole().Width(200), new StringWriter(), DatasetLocator.Default);
            codes = (refused, wroteNothing, allowed, wrote, given);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(codes, Is.EqualTo((2, true, 0, true, 0)));
            Assert.That(error.ToString(), Does.StartWith($"{scenario}: $.outputs.directory: '../escape' leads outside results/").And.Contain("--allow-outside"));
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

    private static int Run(string scenario, string output) =>
        SasgApp.Run(["run", scenario, "--output", output], new TestConsole().Width(200), new StringWriter(), DatasetLocator.Default);

    [Test]
    public void Run_AnAsynchronousScenario_WritesTheProtocolFilesAndTheStalenessHistogram()
    {
        using var folder = new TemporaryDirectory();
        var scenario = folder.WriteFile("s.json", WithProtocol(TinyScenario("\"trace\": false", "{ \"name\": \"GD\" }"), "{ \"kind\": \"asynchronous\" }"));
        var output = Path.Combine(folder.Path, "out");
        var error = new StringWriter();

        var code = SasgApp.Run(["run", scenario, "--output", output], new TestConsole().Width(200), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.Zero, error.ToString());
            Assert.That(File.ReadAllLines(Path.Combine(output, "staleness.csv")), Has.Length.EqualTo(4), "a header and the 3 updates");
            Assert.That(File.Exists(Path.Combine(output, "protocol-workers.csv")), Is.True);
            Assert.That(File.Exists(Path.Combine(output, "plots", "staleness-histogram.png")), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(output, ".sasg-files")), Does.Contain("staleness.csv"));
        }
    }

    [Test]
    public void Run_ADeadlineNoWorkerCanMeet_SaysSoInOneLineAtTheDeadline_AndExitsTwo()
    {
        using var folder = new TemporaryDirectory();
        var scenario = folder.WriteFile("s.json", WithProtocol(TinyScenario("\"trace\": false, \"plots\": false", "{ \"name\": \"GD\" }"), "{ \"kind\": \"deadline\", \"deadline\": \"1ns\" }"));
        var error = new StringWriter();

        var code = SasgApp.Run(["run", scenario, "--output", Path.Combine(folder.Path, "out")], new TestConsole().Width(200), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.StartWith($"{scenario}: $.protocol.deadline: no upload of GD ever arrived by the deadline (1000 rounds in a row closed empty)"));
            Assert.That(error.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        }
    }

    private static string WithProtocol(string scenario, string protocol) =>
        scenario.Replace("\"outputs\":", $"\"protocol\": {protocol}, \"outputs\":", StringComparison.Ordinal);

    private static string TinyScenario(string outputs, string algorithms) => $$"""
        { "name": "s", "data": { "source": "lag-synthetic", "workers": 3 }, "model": { "kind": "linear" },
          "training": { "iterations": 3, "stepSize": "1/L" }, "algorithms": [ {{algorithms}} ],
          "outputs": { {{outputs}} } }
        """;
}
