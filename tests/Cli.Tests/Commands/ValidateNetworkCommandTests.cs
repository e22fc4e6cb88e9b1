using Sasg.Experiments.Driver;
using Sasg.Experiments.Fidelity;
using Sasg.Experiments.Replay;
using Sasg.Learning.Data;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

public sealed class ValidateNetworkCommandTests
{
    // Finished runs of M = 2 at 100 Mbit/s and 0.5 ms, push and pull, that behave as the wire model plus 1 ms of
    // harness per round trip (probes.csv says so); no emulation needed (--analyze-only).
    private static string[] Arguments(TemporaryDirectory folder, string target)
    {
        folder.WriteFile(Path.Combine("log", "decisions.csv"), "algorithm,iteration,worker,decision,bytes,compute_ns,requested\nSGD,0,0,upload,1628200,1,false\nSGD,0,1,upload,1628200,1,false\n");
        DecisionRow[] decisions = [new("SGD", 0, 0, "upload", 1_628_200, 1, false), new("SGD", 0, 1, "upload", 1_628_200, 1, false)];
        foreach (var mode in new[] { FidelityMode.Push, FidelityMode.Pull })
        {
            var configuration = new FidelityConfiguration(2, Bandwidth.FromMegabitsPerSecond(100), SimTime.FromNanoseconds(500_000), mode);
            var plan = EmulationPlan.Select(decisions, ["SGD"], 2, 1, _ => 1, long.MaxValue);
            var exchanges = HarnessOverhead.Exchanges(configuration, plan[0]);
            var done = FidelityModel.Simulate(configuration, plan, LinkModelVariant.Wire, null)[0] + (exchanges * 1_000_000);
            var run = Path.Combine("out", "runs", configuration.Name);
            folder.WriteFile(Path.Combine(run, "plan.txt"), EmulationPlan.ToText(plan));
            folder.WriteFile(Path.Combine(run, "uploads.csv"), $"pass,iteration,worker,bytes,command_ns,done_ns,read_ns\n0,0,0,1628200,1,{done},1\n0,0,1,1628200,1,{done},1\n");
            folder.WriteFile(Path.Combine(run, "probes.csv"), "pass,iteration,worker,probe_ns\n0,0,0,2000000\n");
            folder.WriteFile(Path.Combine(run, "environment.txt"), "ping_rtt_ms_min_avg_max=1.4 1.5 1.6\n");
        }

        return ["validate-network", Path.Combine(folder.Path, "log"), "--output", Path.Combine(folder.Path, "out"), "--workers", "2",
            "--rates", "100Mbps", "--latencies", "0.5ms", "--algorithms", "SGD", "--iterations", "1", "--analyze-only", "--check-target", target];
    }

    [Test]
    public void CheckTarget_WireOnNetworksThatCannotRejectDoubledLatency_PrintsOneLinePerConfiguration_AndExitsFive()
    {
        using var folder = new TemporaryDirectory();
        var console = new TestConsole().Width(80);
        var error = new StringWriter();

        var exitCode = SasgApp.Run(Arguments(folder, "wire"), console, error, DatasetLocator.Default);

        var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(5), error.ToString());
            Assert.That(lines, Has.Length.EqualTo(3), console.Output);
            Assert.That(lines[0], Does.StartWith("m2-100mbit-0.5ms-push: wire median 0.0 %").And.Contain("harness per round trip median / p95 1.000 / 1.000 ms (n = 1)").And.EndWith(": met"));
            Assert.That(lines[2], Does.Contain("payload missed in 2 of 2").And.EndWith("NOT REJECTED: wire-double-latency"));
        }
    }

    [Test]
    public void CheckTarget_OfARunWithDecisionsParquetOnly_PrintsWhatItsDecisionsCsvGives()
    {
        using var csv = new TemporaryDirectory();
        using var parquet = new TemporaryDirectory();
        var csvConsole = new TestConsole().Width(80);
        var parquetConsole = new TestConsole().Width(80);
        var csvCode = SasgApp.Run(Arguments(csv, "payload"), csvConsole, new StringWriter(), DatasetLocator.Default);
        var arguments = Arguments(parquet, "payload");
        var log = Path.Combine(parquet.Path, "log");
        using (var stream = File.Create(Path.Combine(log, DecisionsParquet.FileName)))
        using (var writer = new DecisionsParquetWriter(stream, scenarioJson: null))
        {
            foreach (var row in DecisionsCsv.Read(Path.Combine(log, "decisions.csv")))
            {
                writer.Add(row);
            }
        }

        File.Delete(Path.Combine(log, "decisions.csv"));
        var error = new StringWriter();

        var parquetCode = SasgApp.Run(arguments, parquetConsole, error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parquetCode, Is.EqualTo(csvCode), error.ToString());
            Assert.That(parquetConsole.Output, Is.EqualTo(csvConsole.Output));
        }
    }

    [Test]
    public void CheckTarget_PayloadOnlyModel_MissesTheTarget_AndExitsFour()
    {
        using var folder = new TemporaryDirectory();
        var console = new TestConsole().Width(80);

        var exitCode = SasgApp.Run(Arguments(folder, "payload"), console, new StringWriter(), DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(4));
            Assert.That(console.Output, Does.Contain("m2-100mbit-0.5ms-pull: payload median").And.Contain("MISSED (target 3 % / 10 %)"));
        }
    }

    [TestCase("netem", "push", "3", "--groups: the two-level tree is an ns-3 reference only")]
    [TestCase("ns3", "pull", "1", "--groups: the two-level tree runs push only")]
    [TestCase("ns3", "push", "7", "--groups 7: G must be at least 1 and divide every M")]
    public void Groups_BadCombination_OneLine_ExitTwo(string engine, string mode, string groups, string message)
    {
        using var folder = new TemporaryDirectory();
        var arguments = Arguments(folder, "wire").ToList();
        arguments.AddRange(["--modes", mode, "--engine", engine, "--groups", groups]);
        AssertOneLineExitTwo(arguments, message);
    }

    [TestCase("--engine", "ns4", "--engine 'ns4': write netem, ns3 or both")]
    [TestCase("--workers", "65", "M must be 1..64 with --engine netem")]
    [TestCase("--connection", "new", "--connection new: the ns-3 replay uses persistent connections only")]
    public void Ns3Flags_BadValue_OneLineNamingTheFlag_ExitTwo(string flag, string value, string message)
    {
        using var folder = new TemporaryDirectory();
        var arguments = Arguments(folder, "wire").ToList();
        var at = arguments.IndexOf(flag);
        if (at >= 0)
        {
            arguments[at + 1] = value;
        }
        else
        {
            arguments.AddRange([flag, value]);
        }

        if (flag == "--connection")
        {
            arguments.AddRange(["--engine", "ns3"]);
        }

        AssertOneLineExitTwo(arguments, message);
    }

    [Test]
    public void Ns3Engine_AllowsHundredsOfWorkers_AndALogOfFewerIsStretchedOnlyWhenAsked()
    {
        using var folder = new TemporaryDirectory();
        string[] Flags(params string[] extra) => [.. Arguments(folder, "wire").Select(a => a == "2" ? "500" : a), "--engine", "ns3", .. extra];
        var plain = new StringWriter();
        var stretched = new StringWriter();

        var plainCode = SasgApp.Run(Flags(), new TestConsole(), plain, DatasetLocator.Default);
        var stretchedCode = SasgApp.Run(Flags("--replicate-workers"), new TestConsole(), stretched, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            // The log has 2 workers: without --replicate-workers M = 500 is refused; with it, the plan is made and only
            // the missing run (analysis only) is reported.
            Assert.That(plainCode, Is.EqualTo(2));
            Assert.That(plain.ToString(), Does.Contain("has 2 workers, fewer than M = 500 (--replicate-workers stretches it)"));
            Assert.That(stretchedCode, Is.EqualTo(2));
            Assert.That(stretched.ToString(), Does.Contain("m500-100mbit-0.5ms-push: no finished run for this plan"));
        }
    }

    [Test]
    public void EngineBoth_AnalyzeOnly_ComparesTheReferencesWithEachOther_AndExitsFourWhenTheyDisagree()
    {
        using var folder = new TemporaryDirectory();
        var arguments = Arguments(folder, "wire");
        // The finished runs written by Arguments serve as netem's; ns-3's are the same runs 5 % slower.
        var out_ = Path.Combine(folder.Path, "out");
        Directory.Move(Path.Combine(out_, "runs"), Path.Combine(folder.Path, "runs"));
        foreach (var engine in new[] { "netem", "ns3" })
        {
            CopyDirectory(Path.Combine(folder.Path, "runs"), Path.Combine(out_, engine, "runs"));
        }

        foreach (var run in Directory.GetDirectories(Path.Combine(out_, "ns3", "runs")))
        {
            var uploads = Path.Combine(run, "uploads.csv");
            var lines = File.ReadAllLines(uploads);
            var slower = lines.Take(1).Concat(lines.Skip(1).Select(l =>
            {
                var f = l.Split(',');
                f[5] = ((long)(long.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture) * 1.05)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return string.Join(',', f);
            }));
            File.WriteAllLines(uploads, slower);
            File.Delete(Path.Combine(run, "probes.csv"));
            File.WriteAllText(Path.Combine(run, "environment.txt"), "engine=ns-3\nns3_wall_seconds=2\n");
        }

        var console = new TestConsole().Width(200);
        var bothArguments = arguments.Where(a => a != "--check-target" && a != "wire").Concat(["--engine", "both"]).ToArray();

        var exitCode = SasgApp.Run(bothArguments, console, new StringWriter(), DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(4));
            Assert.That(console.Output, Does.Contain("m2-100mbit-0.5ms-pull: ns-3 vs netem median").And.Contain("DISAGREE"));
            Assert.That(File.Exists(Path.Combine(out_, "agreement.csv")), Is.True);
            Assert.That(File.Exists(Path.Combine(out_, "netem", "fidelity.md")), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(out_, "ns3", "fidelity.md")), Does.Contain("vs ns-3"));
        }
    }

    // Bad input: exit 2 and one line on stderr that contains the message.
    private static void AssertOneLineExitTwo(List<string> arguments, string message)
    {
        var error = new StringWriter();

        var exitCode = SasgApp.Run([.. arguments], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error.ToString(), Does.Contain(message));
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Test]
    public void Ns3Engine_WhereNs3CannotRun_OneLineAndExitThree()
    {
        using var folder = new TemporaryDirectory();
        var script = folder.WriteFile("build.sh", "echo 'ns3: cannot simulate here: libns3-dev (ns-3 3.37) or g++ is missing'\nexit 3\n");
        var arguments = Arguments(folder, "wire").Where(a => a != "--analyze-only").Concat(["--engine", "ns3", "--ns3", script]).ToArray();
        var error = new StringWriter();

        var exitCode = SasgApp.Run(arguments, new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(3));
            Assert.That(error.ToString(), Is.EqualTo("sasg: ns3: cannot simulate here: libns3-dev (ns-3 3.37) or g++ is missing" + Environment.NewLine));
        }
    }
}
