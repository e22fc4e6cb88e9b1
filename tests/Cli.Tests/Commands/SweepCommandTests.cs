using System.Diagnostics;
using Newtonsoft.Json.Linq;
using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

[NonParallelizable]
public sealed class SweepCommandTests
{
    [Test]
    public void Sweep_PrintsOneLinePerCell_AndASummary_AndExitsZero()
    {
        using var folder = new TemporaryDirectory();
        var path = WriteScenario(folder, iterations: 20, workers: [3, 4]);
        var console = new TestConsole().Width(250);
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["sweep", path, "--dir", Path.Combine(folder.Path, "out"), "--parallel", "2"], console, error, DatasetLocator.Default);

        var lines = console.Output.Split('\n');
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, error.ToString());
            Assert.That(lines.Count(l => l.StartsWith("cell ", StringComparison.Ordinal)), Is.EqualTo(4));
            Assert.That(console.Output, Does.Contain("4 cells: 4 done now (2 trained, 2 replayed), 0 already done"));
            Assert.That(File.Exists(Path.Combine(folder.Path, "out", "sweep.csv")), Is.True);
        }
    }

    [Test]
    public void Sweep_WithoutDir_UsesSweepsBesideTheOutputsDirectory()
    {
        using var folder = new TemporaryDirectory();
        var path = WriteScenario(folder, iterations: 5, workers: [3], outputs: "results/bandwidth-sweep");

        var exitCode = RunIn(folder.Path, ["sweep", path], new TestConsole());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(File.Exists(Path.Combine(folder.Path, "results", "sweeps", "bandwidth-sweep", "sweep.csv")), Is.True);
            Assert.That(Directory.Exists(Path.Combine(folder.Path, "results", "bandwidth-sweep-sweep")), Is.False);
        }
    }

    [Test]
    public void Sweep_WithoutDir_ResumesTheFolderAnEarlierVersionNamed()
    {
        using var folder = new TemporaryDirectory();
        var outputs = Path.Combine(folder.Path, "results", "tiny");
        var path = WriteScenario(folder, iterations: 5, workers: [3], outputs: "results/tiny");
        Assert.That(SasgApp.Run(["sweep", path, "--dir", outputs + "-sweep"], new TestConsole(), new StringWriter(), DatasetLocator.Default), Is.Zero);
        var console = new TestConsole().Width(400);

        var exitCode = RunIn(folder.Path, ["sweep", path], console);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(console.Output, Does.Contain($"sweep folder: {outputs}-sweep (the name earlier versions gave").And.Contain("2 already done"));
            Assert.That(Directory.Exists(Path.Combine(folder.Path, "results", "sweeps")), Is.False);
        }
    }

    [Test]
    public void Sweep_OfAScenarioWithoutSweepBlock_ExitsTwoWithOneLine()
    {
        using var folder = new TemporaryDirectory();
        var json = Scenario(iterations: 5, workers: [3]);
        json.Remove("sweep");
        var path = folder.WriteFile("plain.json", json.ToString());
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["sweep", path], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error.ToString(), Does.Contain("no sweep block").And.Contain(path));
        }
    }

    [Test]
    public void Sweep_IntoTheFolderOfAnotherScenario_ExitsTwo()
    {
        using var folder = new TemporaryDirectory();
        var output = Path.Combine(folder.Path, "out");
        var first = WriteScenario(folder, iterations: 5, workers: [3], name: "first.json");
        var second = WriteScenario(folder, iterations: 6, workers: [3], name: "second.json");
        Assert.That(SasgApp.Run(["sweep", first, "--dir", output], new TestConsole(), new StringWriter(), DatasetLocator.Default), Is.Zero);
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["sweep", second, "--dir", output], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain("another scenario").And.Contain(output));
        }
    }

    [Test]
    public void Sweep_KilledMidway_ResumesWithoutRedoingFinishedCells_AndGivesTheSameCsvAsOneGo()
    {
        using var folder = new TemporaryDirectory();
        var path = WriteScenario(folder, iterations: 400, workers: [2, 3, 4, 5]);
        var killed = Path.Combine(folder.Path, "killed");
        var cells = Path.Combine(killed, "cells");
        var clock = Stopwatch.StartNew();

        using (var child = SasgProcess.Start(true, "sweep", path, "--dir", killed, "--parallel", "1"))
        {
            while (DoneMarkers(cells).Length == 0 && !child.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90))
            {
                Thread.Sleep(5);
            }

            Assert.That(child.HasExited, Is.False, "the sweep finished before it could be killed; give it more iterations");
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        var finished = DoneMarkers(cells).ToDictionary(m => m, m => (Marker: File.GetLastWriteTimeUtc(m), Metrics: File.GetLastWriteTimeUtc(Path.Combine(Path.GetDirectoryName(m)!, "metrics.csv"))));
        Assert.That(finished, Has.Count.InRange(1, 7), "killed mid-way");
        string resumedOutput;
        using (var child = SasgProcess.Start(true, "sweep", path, "--dir", killed, "--parallel", "2"))
        {
            resumedOutput = child.StandardOutput.ReadToEnd();
            Assert.That(child.WaitForExit(120_000), Is.True, "the resumed sweep finishes");
            Assert.That(child.ExitCode, Is.Zero, child.StandardError.ReadToEnd());
        }

        var oneGo = Path.Combine(folder.Path, "one-go");
        var exitCode = SasgApp.Run(["sweep", path, "--dir", oneGo, "--parallel", "2"], new TestConsole(), new StringWriter(), DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(resumedOutput, Does.Contain($"{finished.Count} already done"));
            Assert.That(DoneMarkers(cells), Has.Length.EqualTo(8));
            foreach (var (marker, times) in finished)
            {
                Assert.That(File.GetLastWriteTimeUtc(marker), Is.EqualTo(times.Marker), $"{marker} was not rewritten");
                Assert.That(File.GetLastWriteTimeUtc(Path.Combine(Path.GetDirectoryName(marker)!, "metrics.csv")), Is.EqualTo(times.Metrics), $"{marker}: results not recomputed");
            }

            Assert.That(File.ReadAllBytes(Path.Combine(killed, "sweep.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(oneGo, "sweep.csv"))));
        }
    }

    // A scenario file's outputs.directory is relative to the current folder and must stay under its results/.
    private static int RunIn(string currentDirectory, string[] args, TestConsole console)
    {
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(currentDirectory);
        try
        {
            return SasgApp.Run(args, console, new StringWriter(), DatasetLocator.Default);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    private static string[] DoneMarkers(string cells) =>
        Directory.Exists(cells) ? Directory.GetFiles(cells, "done", SearchOption.AllDirectories) : [];


    private static string WriteScenario(TemporaryDirectory folder, int iterations, int[] workers, string name = "sweep.json", string? outputs = null) =>
        folder.WriteFile(name, Scenario(iterations, workers, outputs).ToString());

    private static JObject Scenario(int iterations, int[] workers, string? outputs = null)
    {
        var json = JObject.Parse(File.ReadAllText(RepositoryPaths.InRoot("scenarios", "default.json")));
        json.Remove("$schema");
        json.Remove("stop");
        json["training"]!["iterations"] = iterations;
        json["outputs"] = new JObject { ["trace"] = false, ["plots"] = false };
        if (outputs is not null)
        {
            json["outputs"]!["directory"] = outputs;
        }

        json["sweep"] = new JObject { ["data.workers"] = new JArray(workers), ["network.uplink"] = new JArray("10Mbps", "1Gbps") };
        return json;
    }
}
