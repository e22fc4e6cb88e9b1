using Sasg.Experiments.Fidelity;
using Sasg.NetSim.Network;
using Sasg.TestSupport;
using SimTime = Sasg.NetSim.Kernel.SimTime;

namespace Sasg.Experiments.Tests.Fidelity;

public sealed class ReferenceAgreementTests
{
    private static readonly FidelityConfiguration Net =
        new(4, Bandwidth.FromMegabitsPerSecond(100), SimTime.FromMilliseconds(5), FidelityMode.Push);

    private static readonly PlannedIteration Dense = new("SGD", 0, [1_628_200, 1_628_200, 1_628_200, 1_628_200]);

    private static readonly PlannedIteration Small = new("Sparse", 0, [32_568, 32_568, 32_568, 32_568]);

    private static FidelityReport Report(params (PlannedIteration Planned, int Pass, long Measured, long Harness)[] runs)
    {
        var observations = runs.Select(r => new FidelityObservation(Net, r.Pass, r.Planned, r.Measured, [1, 1, 1, 1, 1], r.Harness)).ToList();
        return new FidelityReport(observations, FidelityAnalysis.Summarise(observations), new Dictionary<FidelityConfiguration, HarnessOverhead>());
    }

    [Test]
    public void Compare_PairsLargeIterationsByPass_AgainstNetemLessItsHarness()
    {
        // netem measured 101 and 202 ms raw, 100 and 200 after subtracting its harness; ns-3 102 and 190.
        var netem = Report((Dense, 0, 100_000_000, 1_000_000), (Dense, 1, 200_000_000, 2_000_000), (Small, 0, 10_000_000, 0));
        var ns3 = Report((Dense, 0, 102_000_000, 0), (Dense, 1, 190_000_000, 0), (Small, 0, 50_000_000, 0));

        var agreement = ReferenceAgreement.Compare(netem, ns3);

        using (Assert.EnterMultipleScope())
        {
            var only = agreement.Single();
            Assert.That(only.Count, Is.EqualTo(2), "the small iteration is not compared");
            Assert.That(only.MedianAbsoluteError, Is.EqualTo(0.035).Within(1e-12));
            Assert.That(only.MaxAbsoluteError, Is.EqualTo(0.05).Within(1e-12));
            Assert.That(only.MeetsTarget, Is.False);
            Assert.That(ReferenceAgreement.Lines(agreement).Single(), Is.EqualTo(
                "m4-100mbit-5ms-push: ns-3 vs netem median 3.5 %, p95 4.9 % (n = 2, signed median -1.5 %): DISAGREE (target 3 % / 10 %)"));
        }
    }

    [Test]
    public void Compare_IterationsOnlyOneReferenceRan_AreLeftOut()
    {
        var netem = Report((Dense, 0, 100_000_000, 0), (Dense, 1, 100_000_000, 0));
        var ns3 = Report((Dense, 0, 101_000_000, 0));

        var only = ReferenceAgreement.Compare(netem, ns3).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(only.Count, Is.EqualTo(1));
            Assert.That(only.MeetsTarget, Is.True);
            Assert.That(ReferenceAgreement.Lines([only]).Single(), Does.EndWith(": agree"));
        }
    }

    [Test]
    public void Write_GivesOneRowPerConfiguration()
    {
        using var folder = new TemporaryDirectory();
        var netem = Report((Dense, 0, 100_000_000, 0));
        var ns3 = Report((Dense, 0, 99_000_000, 0));

        var path = ReferenceAgreement.Write(folder.Path, ReferenceAgreement.Compare(netem, ns3));

        var lines = File.ReadAllLines(path);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines[0], Does.StartWith("configuration,workers,rate_bps,latency_ms,mode,count,median_abs_difference"));
            Assert.That(lines[1], Does.StartWith("m4-100mbit-5ms-push,4,100000000,5,push,1,0.01,").And.EndWith(",true"));
        }
    }
}
