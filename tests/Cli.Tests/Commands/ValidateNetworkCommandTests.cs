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
}
