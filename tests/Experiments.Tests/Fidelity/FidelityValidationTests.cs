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

    [Test]
    public void Run_AnalyzeOnlyWithAFinishedRun_WritesTheReportFiles()
    {
        using var output = new TemporaryDirectory();
        var grid = new FidelityGrid([Net], [], 1, 1, long.MaxValue);
        var plan = EmulationPlan.Select(Decisions, ["SGD"], 2, 1, _ => 1, 1);
        var run = Path.Combine("runs", Net.Name);
        output.WriteFile(Path.Combine(run, "plan.txt"), EmulationPlan.ToText(plan));
        output.WriteFile(Path.Combine(run, "uploads.csv"), $"{EmulationResultTests.Header}\n0,0,0,1628200,1,146000000,1\n0,0,1,1628200,1,292500000,1\n");
        output.WriteFile(Path.Combine(run, "environment.txt"), "congestion_control=cubic\nping_rtt_ms_min_avg_max=10.3 10.4 10.8\n");
        output.WriteFile(Path.Combine(run, "probes.csv"), "pass,iteration,worker,probe_ns\n0,0,0,11000000\n");

        var summaries = FidelityValidation.Run(grid, Decisions, null, output.Path, _ => { }).Summaries;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summaries.Single(s => s.Variant == LinkModelVariant.Wire).MedianAbsoluteError, Is.LessThan(0.01));
            foreach (var file in new[] { "observations.csv", "errors.csv", "environment.csv", "fidelity.md", "plots/fidelity-errors.png" })
            {
                Assert.That(File.Exists(Path.Combine(output.Path, file)), Is.True, file);
            }

            Assert.That(File.ReadAllText(Path.Combine(output.Path, "fidelity.md")), Does.Contain("m2-100mbit-5ms-pull").And.Contain("1.000 / 1.000 ms (n = 1)"));
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
}
