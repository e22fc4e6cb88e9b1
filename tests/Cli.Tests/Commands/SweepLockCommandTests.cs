using System.Diagnostics;
using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

/// <summary>A sweep folder used by two processes, and <c>sweep status</c> of a local sweep.</summary>
[NonParallelizable]
public sealed class SweepLockCommandTests
{
    [Test]
    public void Sweep_IntoAFolderAnotherProcessSweeps_ExitsTwoNamingIt_ThenTakesItsLockOverOnceItIsKilled()
    {
        using var folder = new TemporaryDirectory();
        var path = SweepScenarioFile.Write(folder, iterations: 3000);
        var dir = Path.Combine(folder.Path, "out");
        var clock = Stopwatch.StartNew();
        using var child = SasgProcess.Start(false, "sweep", path, "--dir", dir, "--parallel", "1");
        while (!File.Exists(Path.Combine(dir, "manifest.json")) && !child.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            Thread.Sleep(5);
        }

        var error = new StringWriter();
        var exitCode = SasgApp.Run(["sweep", path, "--dir", dir], new TestConsole(), error, DatasetLocator.Default);
        var status = new TestConsole().Width(400);
        SasgApp.Run(["sweep", "status", dir], status, new StringWriter(), DatasetLocator.Default);
        var runningAfter = !child.HasExited;
        child.Kill(entireProcessTree: true);
        child.WaitForExit();
        var resumed = new TestConsole().Width(400);
        var resumedCode = SasgApp.Run(["sweep", path, "--dir", dir], resumed, new StringWriter(), DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(runningAfter, Is.True, "the first sweep was still running; give it more iterations");
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(
                error.ToString(),
                Does.StartWith($"sasg: {dir} is in use by sweep PID {child.Id} on host {Environment.MachineName} since ")
                    .And.Contain($"wait for it or remove {Path.Combine(dir, "sweep.lock")} if that process is gone"));
            Assert.That(status.Output, Does.Contain($"in use: sweep PID {child.Id} on host {Environment.MachineName}").And.Not.Contain("resubmit"));
            Assert.That(resumedCode, Is.Zero);
            Assert.That(resumed.Output, Does.Contain($"note: took over the lock of sweep PID {child.Id} on host {Environment.MachineName}"));
        }
    }

    [Test]
    public void Status_OfAnUnfinishedLocalSweep_SaysToRunItAgain_NotToResubmit()
    {
        using var folder = new TemporaryDirectory();
        var path = SweepScenarioFile.Write(folder, iterations: 5);
        var dir = Path.Combine(folder.Path, "out");
        Assert.That(SasgApp.Run(["sweep", path, "--dir", dir], new TestConsole(), new StringWriter(), DatasetLocator.Default), Is.Zero);
        File.Delete(Directory.GetFiles(Path.Combine(dir, "cells"), "done", SearchOption.AllDirectories)[0]);
        var console = new TestConsole().Width(400);

        var exitCode = SasgApp.Run(["sweep", "status", dir], console, new StringWriter(), DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(console.Output, Does.Contain("2 cells: 1 done, 0 running, 0 pending, 0 failed, 1 missing"));
            Assert.That(console.Output, Does.Contain($"resume: sasg sweep {path} --dir {dir}"));
            Assert.That(console.Output, Does.Not.Contain("resubmit"));
        }
    }


}
