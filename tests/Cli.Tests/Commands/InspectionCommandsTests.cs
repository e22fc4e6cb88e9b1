using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

/// <summary>validate, list, report and replay.</summary>
[NonParallelizable]
public sealed class InspectionCommandsTests
{
    [Test]
    public void Validate_OnTheDefaultScenario_SaysOk()
    {
        var console = new TestConsole().Width(200);

        var exitCode = SasgApp.Run(
            ["validate", RepositoryPaths.InRoot("scenarios", "default.json")], console, new StringWriter(), DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(console.Output, Does.StartWith("ok: ").And.Contain("9 workers"));
        }
    }

    [Test]
    public void Validate_OnABrokenScenario_ExitsTwo()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("bad.json", "{ \"name\": \"x\" ");
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["validate", path], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.StartWith($"sasg: {path}: invalid JSON at line 1"));
        }
    }

    [Test]
    public void List_NamesEveryAlgorithmAndEncoding()
    {
        var console = new TestConsole().Width(200);

        var exitCode = SasgApp.Run(["list"], console, new StringWriter(), DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(console.Output, Does.Contain("SASG").And.Contain("LAG-PS").And.Contain("coo").And.Contain("fashion-mnist"));
        }
    }

    [Test]
    public void ReportAndReplay_OnARunsFolder_PrintTheTable_AndReplayOnTheSameNetworkMatchesTheRecording()
    {
        using var output = new TemporaryDirectory();
        SasgApp.Run(["run", "--output", output.Path], new TestConsole().Width(200), new StringWriter(), DatasetLocator.Default);
        var report = new TestConsole().Width(400);
        var replay = new TestConsole().Width(200);
        var slower = new TestConsole().Width(200);

        var reportCode = SasgApp.Run(["report", output.Path], report, new StringWriter(), DatasetLocator.Default);
        var replayCode = SasgApp.Run(["replay", output.Path], replay, new StringWriter(), DatasetLocator.Default);
        var slowerCode = SasgApp.Run(["replay", output.Path, "--uplink", "10Mbps"], slower, new StringWriter(), DatasetLocator.Default);

        var gdLine = replay.Lines.Single(l => l.Contains("GD", StringComparison.Ordinal) && !l.Contains("LAG", StringComparison.Ordinal));
        var cells = gdLine.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var slowCells = slower.Lines.Single(l => l.Contains("GD", StringComparison.Ordinal) && !l.Contains("LAG", StringComparison.Ordinal))
            .Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((reportCode, replayCode, slowerCode), Is.EqualTo((0, 0, 0)));
            Assert.That(report.Output, Does.Contain("| GD |").And.Contain("rounds to target"));
            Assert.That(cells[3], Is.EqualTo(cells[2]), "replayed seconds equal recorded seconds on the same network");
            Assert.That(double.Parse(slowCells[3], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(double.Parse(slowCells[2], System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Test]
    public void Replay_NeedsNoData_ItReplaysAfterTheRunsDatasetIsGone()
    {
        using var folder = new TemporaryDirectory();
        var rows = Enumerable.Range(0, 40).Select(i => $"{i % 7},{(i * 3) % 5},{(i % 2 == 0 ? -1 : 1)}");
        var table = folder.WriteFile("table.csv", "a,b,label\n" + string.Join("\n", rows) + "\n");
        var scenario = folder.WriteFile("csv.json", $$"""
            { "name": "csv", "data": { "source": "csv", "workers": 4, "path": "{{table.Replace("\\", "/", StringComparison.Ordinal)}}", "labels": "sign" },
              "model": { "kind": "logistic", "lambda": 0.01 }, "training": { "iterations": 6, "stepSize": "1/L" },
              "algorithms": [ { "name": "GD" } ], "outputs": { "plots": false, "trace": false } }
            """);
        var output = Path.Combine(folder.Path, "results");
        var runError = new StringWriter();
        var runCode = SasgApp.Run(["run", scenario, "--output", output], new TestConsole().Width(200), runError, DatasetLocator.Default);
        File.Delete(table);
        var replay = new TestConsole().Width(200);
        var error = new StringWriter();

        var replayCode = SasgApp.Run(["replay", output, "--latency", "1ms"], replay, error, new DatasetLocator([], searchSystemFolders: false));

        var cells = replay.Lines.Single(l => l.Contains("GD", StringComparison.Ordinal))
            .Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(runCode, Is.Zero, runError.ToString());
            Assert.That(replayCode, Is.Zero, error.ToString());
            Assert.That(double.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture),
                Is.GreaterThan(double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture)),
                "1 ms of latency makes the replay slower than the recording");
        }
    }

    [Test]
    public void Replay_WithTheWireModel_IsSlowerThanPayloadBytesOnly_AndABadConnectionExitsTwo()
    {
        using var output = new TemporaryDirectory();
        SasgApp.Run(["run", "--output", output.Path], new TestConsole().Width(200), new StringWriter(), DatasetLocator.Default);
        var plain = new TestConsole().Width(200);
        var wire = new TestConsole().Width(200);
        var error = new StringWriter();

        var plainCode = SasgApp.Run(["replay", output.Path, "--mtu", "payload-only"], plain, new StringWriter(), DatasetLocator.Default);
        var wireCode = SasgApp.Run(["replay", output.Path, "--connection", "new"], wire, new StringWriter(), DatasetLocator.Default);
        var badCode = SasgApp.Run(["replay", output.Path, "--connection", "cold"], new TestConsole(), error, DatasetLocator.Default);

        static double Replayed(TestConsole console) => double.Parse(
            console.Lines.Single(l => l.Contains("GD", StringComparison.Ordinal) && !l.Contains("LAG", StringComparison.Ordinal))
                .Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[3],
            System.Globalization.CultureInfo.InvariantCulture);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((plainCode, wireCode, badCode), Is.EqualTo((0, 0, 2)));
            Assert.That(Replayed(wire), Is.GreaterThan(Replayed(plain)), "headers, handshakes and slow start cost time");
            Assert.That(error.ToString(), Does.Contain("--connection cold"));
        }
    }

    [Test]
    public void ReportAndReplay_OnAFolderWithoutResults_ExitTwo()
    {
        using var empty = new TemporaryDirectory();
        var error = new StringWriter();

        var report = SasgApp.Run(["report", empty.Path], new TestConsole(), error, DatasetLocator.Default);
        var replay = SasgApp.Run(["replay", empty.Path], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((report, replay), Is.EqualTo((2, 2)));
            Assert.That(error.ToString(), Does.Contain("run 'sasg run"));
        }
    }
}
