using Sasg.Experiments.Driver;
using Sasg.Experiments.Fidelity;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Fidelity;

public sealed class FidelityValidationTests
{
    private static readonly FidelityConfiguration Net =
        new(2, Bandwidth.FromMegabitsPerSecond(100), SimTime.FromMilliseconds(5), FidelityMode.Pull);

    private static readonly DecisionRow[] Decisions =
    [
        new("SGD", 0, 0, "upload", 1_628_200, 1, false), new("SGD", 0, 1, "upload", 1_628_200, 1, false),
    ];

    [TestCase("shaper=delayline\n", "| delayline |")]
    [TestCase("tbf_burst_bytes=4096\n", "| tbf, burst 4096 B |")] // a run recorded before netem.sh wrote its shaper
    [TestCase("shaper=tbf\ntbf_burst_bytes=27648\n", "| tbf, burst 27648 B |")]
    public void Run_AnalyzeOnlyWithAFinishedRun_WritesTheReportFiles(string shaper, string shaperCell)
    {
        using var output = new TemporaryDirectory();
        var grid = new FidelityGrid([Net], [], 1, 1, long.MaxValue);
        var plan = EmulationPlan.Select(Decisions, ["SGD"], 2, 1, _ => 1, 1);
        var run = Path.Combine("runs", Net.Name);
        output.WriteFile(Path.Combine(run, "plan.txt"), EmulationPlan.ToText(plan));
        output.WriteFile(Path.Combine(run, "uploads.csv"), $"{EmulationResultTests.Header}\n0,0,0,1628200,1,146000000,1\n0,0,1,1628200,1,292500000,1\n");
        output.WriteFile(Path.Combine(run, "environment.txt"), "congestion_control=cubic\nping_rtt_ms_min_avg_max=10.3 10.4 10.8\n" + shaper);
        output.WriteFile(Path.Combine(run, "probes.csv"), "pass,iteration,worker,probe_ns\n0,0,0,11000000\n");

        var summaries = FidelityValidation.Run(grid, Decisions, null, output.Path, _ => { }).Summaries;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summaries.Single(s => s.Variant == LinkModelVariant.Wire).MedianAbsoluteError, Is.LessThan(0.01));
            foreach (var file in new[] { "observations.csv", "errors.csv", "environment.csv", "fidelity.md", "plots/fidelity-errors.png" })
            {
                Assert.That(File.Exists(Path.Combine(output.Path, file)), Is.True, file);
            }

            Assert.That(File.ReadAllText(Path.Combine(output.Path, "fidelity.md")), Does.Contain("m2-100mbit-5ms-pull").And.Contain("1.000 / 1.000 ms (n = 1)").And.Contain(shaperCell));
            Assert.That(File.ReadAllText(Path.Combine(output.Path, "environment.csv")), Does.Contain("1.000 / 1.000 ms (n = 1)"));
            Assert.That(File.ReadAllLines(Path.Combine(output.Path, "observations.csv"))[1], Does.Contain(",292500000,2000000,290500000,"));
        }
    }

    [Test]
    public void Run_AnalyzeOnlyWithoutAFinishedRun_IsAnErrorNamingTheFolder()
    {
        using var output = new TemporaryDirectory();
        var grid = new FidelityGrid([Net], [], 1, 1, long.MaxValue);

        Assert.That(
            () => FidelityValidation.Run(grid, Decisions, null, output.Path, _ => { }),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains(Net.Name));
    }

    [Test]
    public void Run_WithAnNs3Run_RecordsSasgsWallTimeAndTheSpeedup_AndReportsDropsAndTimeouts()
    {
        using var output = new TemporaryDirectory();
        var grid = new FidelityGrid([Net], [], 1, 1, long.MaxValue);
        var reference = new FakeReference("ns-3");

        var report = FidelityValidation.Run(grid, Decisions, reference, output.Path, _ => { });

        var environment = report.Environments![Net];
        var markdown = File.ReadAllText(Path.Combine(output.Path, "fidelity.md"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reference.Runs, Is.EqualTo(1));
            Assert.That(double.Parse(environment[FidelityValidation.SasgWallKey], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
            Assert.That(environment, Does.ContainKey(FidelityValidation.SpeedupKey));
            Assert.That(markdown, Does.StartWith("# Simulated (Sasg) vs ns-3 iteration times").And.Contain("| m2-100mbit-5ms-pull | 65536 | 3 / 0 | 1 / 2 | 12.5 |"));
            Assert.That(File.ReadAllLines(Path.Combine(output.Path, "environment.csv"))[0], Does.EndWith("ns3_wall_seconds,sasg_wall_seconds,sasg_speedup"));
            Assert.That(report.Summaries.Single(s => s.Variant == LinkModelVariant.Wire).MedianAbsoluteError, Is.LessThan(0.01));
        }
    }

    [Test]
    public void Run_AFinishedRunOfAnotherEngine_IsRunAgainNotReused()
    {
        using var output = new TemporaryDirectory();
        var grid = new FidelityGrid([Net], [], 1, 1, long.MaxValue);
        var netem = new FakeReference("netem");
        var ns3 = new FakeReference("ns-3");

        FidelityValidation.Run(grid, Decisions, netem, output.Path, _ => { });
        FidelityValidation.Run(grid, Decisions, netem, output.Path, _ => { });
        FidelityValidation.Run(grid, Decisions, ns3, output.Path, _ => { });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(netem.Runs, Is.EqualTo(1), "the second netem validation reuses the first's run");
            Assert.That(ns3.Runs, Is.EqualTo(1), "ns-3 does not take netem's run for its own");
            Assert.That(FidelityValidation.EngineOf(Path.Combine(output.Path, "runs", Net.Name)), Is.EqualTo("ns-3"));
        }
    }

    // A reference that "measures" exactly the wire model's times (every worker done at the iteration's end).
    private sealed class FakeReference(string engine) : INetworkReference
    {
        public int Runs { get; private set; }

        public string Engine => engine;

        public string? CannotRunReason() => null;

        public void Run(FidelityConfiguration configuration, string planFile, string directory, int passes, string prefix)
        {
            Runs++;
            var plan = EmulationPlan.Parse(File.ReadAllText(planFile), configuration.Workers);
            var times = FidelityModel.Simulate(configuration, plan, LinkModelVariant.Wire, null);
            var rows = new System.Text.StringBuilder(EmulationResultTests.Header + "\n");
            for (var pass = 0; pass < passes; pass++)
            {
                for (var i = 0; i < plan.Count; i++)
                {
                    for (var w = 0; w < configuration.Workers; w++)
                    {
                        rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"{pass},{i},{w},{plan[i].Sizes[w]},0,{times[i]},{times[i]}\n");
                    }
                }
            }

            File.WriteAllText(Path.Combine(directory, "uploads.csv"), rows.ToString());
            File.WriteAllText(Path.Combine(directory, "environment.txt"), engine == "netem"
                ? "congestion_control=cubic\n"
                : "engine=ns-3\nns3_version=3.37\nwarm_bytes=65536\nserver_queue_drops=3\nworker_queue_drops=0\ntcp_timeouts=1\ntcp_fast_recoveries=2\nns3_wall_seconds=12.5\n");
        }
    }
}
