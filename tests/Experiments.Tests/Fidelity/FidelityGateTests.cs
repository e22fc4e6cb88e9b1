using Sasg.Experiments.Fidelity;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Tests.Fidelity;

public sealed class FidelityGateTests
{
    private static readonly PlannedIteration[] Plan =
    [
        new("SGD", 0, [1_628_200, 1_628_200, 1_628_200, 1_628_200]),
        new("Top10", 0, [325_632, 325_632, 325_632, 325_632]),
    ];

    // The CI subset's networks; the emulated path behaves as the wire model plus 1.5 ms of harness per round trip,
    // with a spread of ±1 % across passes.
    private static FidelityReport Emulated(params double[] latenciesMs)
    {
        var overhead = new HarnessOverhead(10, 1_500_000, 3_000_000);
        var observations = new List<FidelityObservation>();
        var harness = new Dictionary<FidelityConfiguration, HarnessOverhead>();
        foreach (var latency in latenciesMs)
        {
            foreach (var mode in new[] { FidelityMode.Push, FidelityMode.Pull })
            {
                var configuration = new FidelityConfiguration(4, Bandwidth.FromMegabitsPerSecond(100), SimTime.FromNanoseconds((long)(latency * 1e6)), mode);
                harness[configuration] = overhead;
                var rtt = SimTime.FromNanoseconds((long)(2 * latency * 1e6) + overhead.MedianNanoseconds);
                var simulated = Enum.GetValues<LinkModelVariant>().Select(v => FidelityModel.Simulate(configuration, Plan, v, rtt)).ToArray();
                for (var pass = 0; pass < 5; pass++)
                {
                    for (var i = 0; i < Plan.Length; i++)
                    {
                        var truth = (long)(simulated[(int)LinkModelVariant.Wire][i] * (1 + ((pass - 2) * 0.005)));
                        observations.Add(new FidelityObservation(
                            configuration, pass, Plan[i], truth, [.. simulated.Select(s => s[i])], overhead.For(configuration, Plan[i])));
                    }
                }
            }
        }

        return new FidelityReport(observations, FidelityAnalysis.Summarise(observations), harness);
    }

    [Test]
    public void Evaluate_TheRightModel_MeetsTheTargetAfterSubtractingTheHarness_AndRejectsEveryWrongModel()
    {
        var verdict = FidelityGate.Evaluate(Emulated(0.5, 5), LinkModelVariant.Wire);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.TargetMet, Is.True);
            Assert.That(verdict.ControlsNotRejected, Is.Empty);
            Assert.That(verdict.Lines, Has.Count.EqualTo(5));
            // Before subtracting, the 0.5 ms pull network would miss: 4 × 1.5 ms on ~117 ms Top10 iterations.
            Assert.That(verdict.Lines[1], Does.StartWith("m4-100mbit-0.5ms-pull: wire median 0.5 %").And.Contain("before subtracting the harness 3.").And.EndWith(": met"));
            Assert.That(verdict.Lines[^1], Does.Contain("payload missed in 4 of 4").And.EndWith("all rejected"));
        }
    }

    [Test]
    public void Evaluate_ThePayloadOnlyModel_MissesTheTarget()
    {
        var verdict = FidelityGate.Evaluate(Emulated(0.5, 5), LinkModelVariant.Payload);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.TargetMet, Is.False);
            Assert.That(verdict.Lines[0], Does.EndWith("MISSED (target 3 % / 10 %)"));
        }
    }

    [Test]
    public void Evaluate_NetworksWhereLatencyHardlyCounts_CannotRejectTheDoubledLatency_AndSayIt()
    {
        var verdict = FidelityGate.Evaluate(Emulated(0.5), LinkModelVariant.Wire);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.TargetMet, Is.True);
            Assert.That(verdict.ControlsNotRejected, Is.EqualTo(new[] { LinkModelVariant.WireDoubleLatency }));
            Assert.That(verdict.Lines[^1], Does.EndWith("NOT REJECTED: wire-double-latency"));
        }
    }
}
