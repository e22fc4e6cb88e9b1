using System.Diagnostics;
using Newtonsoft.Json.Linq;
using Sasg.Cli.Commands;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

/// <summary>A run that fails late keeps what it computed; an unwritable or full results folder is one clear line.</summary>
[NonParallelizable]
public sealed class RunFailureTests
{
    private const string Scenario = """
        { "name": "s", "data": { "source": "lag-synthetic", "workers": 3 }, "model": { "kind": "linear" },
          "training": { "iterations": 20, "stepSize": "1/L" }, "algorithms": [ { "name": "GD" }, { "name": "LAG-WK" } ],
          "outputs": { "trace": true, "plots": false } }
        """;

    [Test]
    public void Run_WhenAMethodThrowsAtIterationK_KeepsItsRowsBeforeK_SaysIncomplete_AndExitsOneWithOneLine()
    {
        using var folder = new TemporaryDirectory();
        var output = Path.Combine(folder.Path, "out");
        var error = new StringWriter();
        var options = new RunOptions(output, 1, AllowOutside: false) { AfterIteration = p => ThrowAt(p, "LAG-WK", 7, new InvalidOperationException("boom")) };

        var code = RunCommand.Run(new TestConsole().Width(200), error, DatasetLocator.Default, Load(folder, Scenario), options);

        var summary = JObject.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var decisions = File.ReadAllLines(Path.Combine(output, "decisions.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var metrics = File.ReadAllLines(Path.Combine(output, "metrics.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error.ToString(), Is.EqualTo($"sasg: LAG-WK failed at iteration 7: boom; partial results (iterations before 7) are in {output}\n"));
            Assert.That((string?)summary["status"], Is.EqualTo("incomplete"));
            Assert.That((string?)summary["error"], Is.EqualTo("LAG-WK failed at iteration 7: boom"));
            Assert.That(summary["completedIterations"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"GD":20,"LAG-WK":7}"""));
            Assert.That(decisions.Where(d => d[0] == "LAG-WK").Select(d => int.Parse(d[1])).Distinct(), Is.EqualTo(Enumerable.Range(0, 7)));
            Assert.That(decisions.Count(d => d[0] == "GD"), Is.EqualTo(20 * 3), "the method that finished is whole");
            Assert.That(metrics.Where(m => m[0] == "LAG-WK").Select(m => int.Parse(m[1])), Is.Not.Empty.And.All.LessThan(7));
            Assert.That(File.ReadAllLines(Path.Combine(output, "trace.csv")).Any(l => l.StartsWith("LAG-WK,", StringComparison.Ordinal)), Is.True,
                "the traces up to the failure are kept");
            Assert.That(Directory.GetFiles(output, "*.tmp-*"), Is.Empty);
        }
    }

    [Test]
    public void ReplayAndPlot_OfAFailedRunsFolder_SayItIsIncomplete_ReplayRefusesWithOneLine()
    {
        using var folder = new TemporaryDirectory();
        var output = Path.Combine(folder.Path, "out");
        var options = new RunOptions(output, 1, AllowOutside: false) { AfterIteration = p => ThrowAt(p, "LAG-WK", 7, new InvalidOperationException("boom")) };
        RunCommand.Run(new TestConsole().Width(200), new StringWriter(), DatasetLocator.Default, Load(folder, Scenario), options);
        var replayError = new StringWriter();
        var plotError = new StringWriter();

        var replay = SasgApp.Run(["replay", output], new TestConsole(), replayError, DatasetLocator.Default);
        var plot = SasgApp.Run(["plot", output], new TestConsole(), plotError, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(replay, Is.EqualTo(2));
            Assert.That(replayError.ToString(), Is.EqualTo(
                $"sasg: {Path.Combine(output, "summary.json")}: $.status: the run is incomplete (LAG-WK failed at iteration 7: boom); "
                + "replay needs a run that finished: run the scenario again to its end.\n"));
            Assert.That(plot, Is.Zero);
            Assert.That(plotError.ToString(), Does.StartWith($"sasg: note: {output} holds an incomplete run (LAG-WK failed at iteration 7: boom)"));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Run_WhenANativeErrorEndsAMethod_PrintsItsFirstLine_AndTheNativeStackOnlyWithVerbose(bool verbose)
    {
        using var folder = new TemporaryDirectory();
        var output = Path.Combine(folder.Path, "out");
        var error = new StringWriter();
#pragma warning disable CA2201 // TorchSharp reports libtorch's errors as this runtime type; the test throws what it throws.
        var native = new System.Runtime.InteropServices.ExternalException(
            "Unknown scalar type.\nException raised from type at /pytorch/c10/core/Scalar.h:339 (most recent call first):\n"
            + "frame #9: THSTensor_mul_scalar + 0x5c (0x7f4370f8cccc in libLibTorchSharp.so)");
#pragma warning restore CA2201
        var options = new RunOptions(output, 1, AllowOutside: false)
        {
            AfterIteration = p => ThrowAt(p, "LAG-WK", 3, native),
            Verbose = verbose,
        };

        var code = RunCommand.Run(new TestConsole().Width(200), error, DatasetLocator.Default, Load(folder, Scenario), options);

        var lines = error.ToString().TrimEnd('\n').Split('\n');
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(lines[0], Is.EqualTo(
                $"sasg: LAG-WK failed at iteration 3: Unknown scalar type.; partial results (iterations before 3) are in {output}"));
            Assert.That(lines, verbose ? Has.Length.GreaterThan(2) : Has.Length.EqualTo(1));
            Assert.That(error.ToString().Contains("THSTensor_mul_scalar", StringComparison.Ordinal), Is.EqualTo(verbose));
        }
    }

    [Test]
    public void Run_WithAFullDisk_SaysSoWhereAndThatPartialResultsWereKept_NeverInternalError()
    {
        using var folder = new TemporaryDirectory();
        var output = Path.Combine(folder.Path, "out");
        var error = new StringWriter();
        var full = new IOException($"No space left on device : '{output}/trace.part1.csv.tmp-1'", 28);
        var options = new RunOptions(output, 1, AllowOutside: false) { AfterIteration = p => ThrowAt(p, "LAG-WK", 5, full) };

        var code = RunCommand.Run(new TestConsole().Width(200), error, DatasetLocator.Default, Load(folder, Scenario), options);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.ToString(), Is.EqualTo(
                $"sasg: the disk is full ({full.Message}): LAG-WK failed at iteration 5; partial results (iterations before 5) are in {output}; "
                + "free some space and run again\n"));
            Assert.That((string?)JObject.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))["status"], Is.EqualTo("incomplete"));
            Assert.That(Directory.GetFiles(output, "trace*"), Is.Empty, "on a full disk the traces go first");
        }
    }

    [Test]
    public void Run_OnARealFullDisk_SaysTheDiskIsFull_AndKeepsPartialResults()
    {
        using var folder = new TemporaryDirectory();
        var mount = Path.Combine(folder.Path, "tiny");
        Directory.CreateDirectory(mount);
        if (Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount) is { } refused)
        {
            Assert.Ignore($"a tmpfs cannot be mounted here ({refused})");
        }

        try
        {
            var error = new StringWriter();
            var scenario = Scenario.Replace("\"iterations\": 20", "\"iterations\": 100000", StringComparison.Ordinal);

            var code = RunCommand.Run(
                new TestConsole().Width(200), error, DatasetLocator.Default, Load(folder, scenario), new RunOptions(mount, 1, AllowOutside: false));

            using (Assert.EnterMultipleScope())
            {
                Assert.That(code, Is.EqualTo(2));
                Assert.That(error.ToString(), Does.StartWith("sasg: the disk is full (").And.Contain($"partial results (iterations before ").And.Contain(mount));
                Assert.That(error.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
                Assert.That((string?)JObject.Parse(File.ReadAllText(Path.Combine(mount, "summary.json")))["status"], Is.EqualTo("incomplete"));
                Assert.That(Directory.GetFiles(mount, "*.tmp-*"), Is.Empty);
            }
        }
        finally
        {
            Command("umount", "-l", mount);
        }
    }

    [Test]
    public void Run_IntoAFolderUnderAFile_ExitsTwoWithOneLineNamingIt()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.WriteFile("file", "x");
        var error = new StringWriter();

        var code = SasgApp.Run(["run", "--output", Path.Combine(file, "out")], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.ToString(), Is.EqualTo(
                $"sasg: {file}/out: cannot write the results folder ({file} is a file, not a folder); give a folder you can write with --output\n"));
        }
    }

    [Test]
    public void Run_IntoProc_ExitsTwoWithOneLine()
    {
        var error = new StringWriter();

        var code = SasgApp.Run(["run", "--output", "/proc/sasg-results"], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.StartWith("sasg: /proc/sasg-results: cannot write the results folder (").And.Not.Contain("internal error"));
            Assert.That(error.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        }
    }

    private static Scenario Load(TemporaryDirectory folder, string json) => ScenarioLoader.Load(folder.WriteFile("s.json", json));

    private static void ThrowAt(RunProgress progress, string method, int iteration, Exception error)
    {
        if (progress.Algorithm == method && progress.Iteration == iteration)
        {
            throw error;
        }
    }

    // Runs a program; null when it succeeded, else its error output.
    private static string? Command(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            arguments.ToList().ForEach(start.ArgumentList.Add);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : error.Trim();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return ex.Message;
        }
    }
}
