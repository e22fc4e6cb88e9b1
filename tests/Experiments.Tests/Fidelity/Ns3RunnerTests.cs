using Sasg.Experiments.Fidelity;
using Sasg.NetSim.Network;
using Sasg.TestSupport;
using SimTime = Sasg.NetSim.Kernel.SimTime;

namespace Sasg.Experiments.Tests.Fidelity;

public sealed class Ns3RunnerTests
{
    private static readonly string Script = RepositoryPaths.InRoot("tools", "ns3", "build.sh");

    [Test]
    public void Arguments_GiveTheNetworkInBitsPerSecondAndMicroseconds_AndPullOnlyForPull()
    {
        var push = new FidelityConfiguration(50, Bandwidth.FromGigabitsPerSecond(1), SimTime.FromNanoseconds(50_000), FidelityMode.Push);

        var pushArguments = Ns3Runner.Arguments(push, "plan.txt", "out", 2);
        var pullArguments = Ns3Runner.Arguments(push with { Mode = FidelityMode.Pull, Latency = SimTime.FromNanoseconds(2_500) }, "plan.txt", "out", 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pushArguments, Is.EqualTo(new[]
            {
                "--workers", "50", "--rate-bps", "1000000000", "--delay-us", "50", "--plan", "plan.txt", "--out", "out", "--repeat", "2",
            }));
            Assert.That(pullArguments, Does.Contain("--pull").And.Contain("2.5"));
        }
    }

    [Test]
    public void Arguments_OfANewConnectionPerUpload_AreRefused()
    {
        var cold = new FidelityConfiguration(2, Bandwidth.FromMegabitsPerSecond(100), SimTime.FromMilliseconds(5), FidelityMode.Push, NewConnection: true);

        Assert.That(() => Ns3Runner.Arguments(cold, "p", "o", 1), Throws.ArgumentException.With.Message.Contains("persistent"));
    }

    [Test]
    public void CannotRunReason_OfAScriptThatSaysSo_IsItsFirstLine()
    {
        using var folder = new TemporaryDirectory();
        var script = folder.WriteFile("build.sh", "echo 'ns3: cannot simulate here: libns3-dev is missing'\necho second\nexit 3\n");

        Assert.That(new Ns3Runner(script).CannotRunReason(), Is.EqualTo("ns3: cannot simulate here: libns3-dev is missing"));
    }

    // The real program, where tools/ns3/build.sh check finds ns-3 (else ignored with its reason): two workers, push and
    // pull, read back as any reference run is, against the wire model.
    [TestCase(FidelityMode.Push)]
    [TestCase(FidelityMode.Pull)]
    public void Run_WhereNs3IsInstalled_WritesARunThatTheWireModelPredicts(FidelityMode mode)
    {
        var runner = new Ns3Runner(Script);
        if (runner.CannotRunReason() is { } reason)
        {
            Assert.Ignore(reason);
        }

        using var folder = new TemporaryDirectory();
        var configuration = new FidelityConfiguration(2, Bandwidth.FromMegabitsPerSecond(100), SimTime.FromMilliseconds(2), mode);
        PlannedIteration[] plan = [new("SGD", 0, [1_628_200, 1_628_200]), new("Top10", 0, [325_632, -1])];
        var planFile = folder.WriteFile("plan.txt", EmulationPlan.ToText(plan));
        var directory = Path.Combine(folder.Path, "run");

        runner.Run(configuration, planFile, directory, 2, "unused");
        var measured = EmulationResult.Read(directory, plan.Length, 2);
        var errors = FidelityAnalysis.Observe(configuration, plan, measured).Select(o => Math.Abs(o.Error(LinkModelVariant.Wire))).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(measured.Passes, Is.EqualTo(2));
            Assert.That(measured.ProbeNanoseconds, Is.Empty, "a simulation has no harness to subtract");
            Assert.That(measured.Environment["engine"], Is.EqualTo("ns-3"));
            Assert.That(measured.Environment["server_queue_drops"], Is.EqualTo("0"));
            Assert.That(FidelityValidation.EngineOf(directory), Is.EqualTo("ns-3"));
            Assert.That(errors, Has.All.LessThan(0.03));
        }
    }
}
