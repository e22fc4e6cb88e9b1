using System.Diagnostics;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

/// <summary><c>sasg sweep --engine slurm</c> against a real single-node Slurm cluster that the fixture starts with
/// tools/slurm/slurm-local.sh (and always stops). Skipped where the machine cannot run one (not root, or the packages
/// are missing: <c>bash tools/slurm/slurm-local.sh install</c>).</summary>
[NonParallelizable]
public sealed partial class SweepSlurmClusterTests
{
    // Not Slurm's default port, so that a cluster someone started by hand on this machine is left alone.
    private const string Port = "6877";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private readonly Dictionary<string, string?> _savedEnvironment = [];
    private TemporaryDirectory? _cluster;

    [OneTimeSetUp]
    public void StartCluster()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("A local Slurm cluster needs Linux and root (slurmd starts jobs as their users).");
        }

        if (!File.Exists("/usr/sbin/slurmctld") || !File.Exists("/usr/sbin/slurmd") || !File.Exists("/usr/sbin/munged") || !File.Exists("/usr/bin/sbatch"))
        {
            Assert.Ignore("Slurm is not installed; bash tools/slurm/slurm-local.sh install (Debian's slurmctld slurmd slurm-client munge).");
        }

        _cluster = new TemporaryDirectory();
        var up = Run("bash", [RepositoryPaths.InRoot("tools", "slurm", "slurm-local.sh"), "up", _cluster.Path], new() { ["SASG_SLURM_PORT"] = Port });
        Assert.That(up.Code, Is.Zero, $"slurm-local.sh up failed: {up.Output}{up.Error}");
        SetEnvironment("SLURM_CONF", Path.Combine(_cluster.Path, "etc", "slurm.conf"));
        // The in-process sasg publishes this checkout for the tasks.
        SetEnvironment("SASG_CHECKOUT", RepositoryPaths.Root);
    }

    [OneTimeTearDown]
    public void StopCluster()
    {
        if (_cluster is not null)
        {
            var down = Run("bash", [RepositoryPaths.InRoot("tools", "slurm", "slurm-local.sh"), "down", _cluster.Path], []);
            TestContext.Out.WriteLine(down.Output + down.Error);
            _cluster.Dispose();
        }

        foreach (var (name, value) in _savedEnvironment)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    [Test]
    public void Sweep_WithACancelledTaskAndAKilledSlurmd_ReportsTheCellMissing_ResubmitCompletesIt_AndCollectEqualsTheLocalEngine()
    {
        using var folder = new TemporaryDirectory();
        var scenario = WriteScenario(folder, iterations: 5000);
        var dir = Path.Combine(folder.Path, "cluster");

        var submit = Sasg("sweep", scenario, "--engine", "slurm", "--dir", dir, "--max-concurrent", "2", "--cells-per-task", "2");
        Assert.That(submit.Code, Is.Zero, submit.Error);
        var (training, replay) = Jobs(dir);
        // Both training tasks (one per worker count) run at once: cancel the second mid-way, and while the first runs,
        // kill slurmd outright and start it again.
        WaitFor(() => Squeue("-j", training, "-t", "RUNNING").Count == 2, "both training tasks running");
        Assert.That(Run("scancel", [$"{training}_1"], []).Code, Is.Zero);
        var slurmd = File.ReadAllText(Path.Combine(_cluster!.Path, "run", "slurmd.pid")).Trim();
        Assert.That(Run("kill", ["-KILL", slurmd], []).Code, Is.Zero);
        Thread.Sleep(1000);
        Assert.That(Run("/usr/sbin/slurmd", [], []).Code, Is.Zero, "slurmd restarts");
        WaitFor(() => Squeue("-j", $"{training},{replay}", "-t", "PENDING,RUNNING,CONFIGURING,COMPLETING").Count == 0, "the sweep's arrays end");

        var status = Sasg("sweep", "status", dir);
        var cells = Manifest(dir);
        var done = cells.Where(c => File.Exists(Path.Combine(dir, "cells", c.Id, "done"))).ToDictionary(
            c => c.Id,
            c => (Marker: File.GetLastWriteTimeUtc(Path.Combine(dir, "cells", c.Id, "done")), Metrics: File.GetLastWriteTimeUtc(Path.Combine(dir, "cells", c.Id, "metrics.csv"))));
        var resubmit = Sasg("sweep", "resubmit", dir, "--wait");
        var collect = Sasg("sweep", "collect", dir);
        var local = Path.Combine(folder.Path, "local");
        var localRun = Run(Path.Combine(dir, "bin", "sasg"), ["sweep", scenario, "--dir", local], []);

        using (Assert.EnterMultipleScope())
        {
            // The cancelled training cell is missing, and so are the five cells that replay it (their task found no
            // finished cell in the group); the other worker count's six cells are done.
            Assert.That(status.Code, Is.Zero, status.Error);
            Assert.That(status.Output, Does.Contain("12 cells: 6 done, 0 running, 0 pending, 0 failed, 6 missing"));
            Assert.That(status.Output, Does.Contain($"missing: {cells[1].Id} {cells[1].Label}"));
            Assert.That(done.Keys, Is.EquivalentTo(cells.Where(c => c.Group == cells[0].Id).Select(c => c.Id)));
            Assert.That(resubmit.Code, Is.Zero, resubmit.Output + resubmit.Error);
            Assert.That(resubmit.Output, Does.Contain("submitted 6 of 12 cells: 1 training tasks"));
            Assert.That(cells.Select(c => File.Exists(Path.Combine(dir, "cells", c.Id, "done"))), Is.All.True);
            foreach (var (id, times) in done)
            {
                Assert.That(File.GetLastWriteTimeUtc(Path.Combine(dir, "cells", id, "done")), Is.EqualTo(times.Marker), $"{id}: kept");
                Assert.That(File.GetLastWriteTimeUtc(Path.Combine(dir, "cells", id, "metrics.csv")), Is.EqualTo(times.Metrics), $"{id}: not recomputed");
            }

            var computed = ComputedCells(dir);
            Assert.That(cells.Select(c => computed.Count(id => id == c.Id)), Is.All.EqualTo(1), "every cell computed exactly once: " + string.Join(' ', computed));
            Assert.That(collect.Code, Is.Zero, collect.Error);
            Assert.That(localRun.Code, Is.Zero, localRun.Error);
            Assert.That(File.ReadAllBytes(Path.Combine(dir, "sweep.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(local, "sweep.csv"))));
        }
    }

    [Test]
    public void Sweep_WithWait_FollowsEveryCellToTheEnd_AndCollects_ThenResubmitHasNothingToDo()
    {
        using var folder = new TemporaryDirectory();
        var scenario = WriteScenario(folder, iterations: 50, uplinks: ["10Mbps", "1Gbps"], workers: [3]);
        var dir = Path.Combine(folder.Path, "cluster");

        var run = Sasg("sweep", scenario, "--engine", "slurm", "--dir", dir, "--wait", "--sbatch-arg=--comment=sasg-test");
        var again = Sasg("sweep", "resubmit", dir);
        var status = Sasg("sweep", "status", dir);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Code, Is.Zero, run.Output + run.Error);
            Assert.That(run.Output.Split('\n').Count(l => l.StartsWith("cell ", StringComparison.Ordinal)), Is.EqualTo(4), run.Output);
            Assert.That(run.Output, Does.Contain("4 cells: 4 done, 0 running, 0 pending, 0 failed, 0 missing"));
            Assert.That(File.ReadAllLines(Path.Combine(dir, "sweep.csv")), Has.Length.EqualTo(1 + (4 * 3)));
            Assert.That(File.ReadAllText(Path.Combine(dir, "slurm", "array-0-train.sbatch")), Does.Contain("#SBATCH --comment=sasg-test"));
            Assert.That(again.Code, Is.Zero);
            Assert.That(again.Output, Does.Contain("nothing to submit"));
            Assert.That(status.Output, Does.Contain("collect: sasg sweep collect"));
        }
    }

    // Every "cell <index> <id> <label>: trained|replayed, <s> s" line of every task log: the cells each task computed.
    private static List<string> ComputedCells(string dir) =>
        Directory.GetFiles(Path.Combine(dir, "logs"))
            .SelectMany(File.ReadAllLines)
            .Select(l => ComputedLine().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();

    [GeneratedRegex(@"^cell \d+ ([0-9a-f]{12}) .*: (trained|replayed), ")]
    private static partial Regex ComputedLine();

    private static List<(string Id, string Label, string Group)> Manifest(string dir) =>
        ((JArray)JObject.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")))["cells"]!)
            .Select(c => ((string)c["id"]!, (string)c["label"]!, (string)c["learningGroup"]!))
            .ToList();

    private static (string Training, string Replay) Jobs(string dir)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "slurm", "submissions.tsv")).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        return (lines.Single(f => f[1] == "train")[0], lines.Single(f => f[1] == "replay")[0]);
    }

    private static List<string> Squeue(params string[] args)
    {
        var result = Run("squeue", ["-h", "-r", "-o", "%i %T", .. args], []);
        return result.Code == 0 ? [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)] : [];
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            Thread.Sleep(100);
        }
    }

    private static (int Code, string Output, string Error) Sasg(params string[] args)
    {
        var console = new TestConsole().Width(250);
        var error = new StringWriter();
        var code = SasgApp.Run(args, console, error, DatasetLocator.Default);
        return (code, console.Output, error.ToString());
    }

    private static (int Code, string Output, string Error) Run(string program, string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }

    private void SetEnvironment(string name, string value)
    {
        _savedEnvironment.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }

    private static string WriteScenario(TemporaryDirectory folder, int iterations, string[]? uplinks = null, int[]? workers = null)
    {
        var json = JObject.Parse(File.ReadAllText(RepositoryPaths.InRoot("scenarios", "default.json")));
        json.Remove("$schema");
        json.Remove("stop");
        json["name"] = "slurm-test";
        json["training"]!["iterations"] = iterations;
        json["outputs"] = new JObject { ["trace"] = false, ["plots"] = false };
        json["sweep"] = new JObject
        {
            ["network.uplink"] = new JArray(uplinks ?? ["10Mbps", "100Mbps", "1Gbps"]),
            ["network.ingress"] = new JArray("sequential-push", "fair-share"),
            ["data.workers"] = new JArray(workers ?? [3, 4]),
        };
        return folder.WriteFile("sweep.json", json.ToString());
    }
}
