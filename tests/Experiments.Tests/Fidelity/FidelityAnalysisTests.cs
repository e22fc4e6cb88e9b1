using Sasg.Experiments.Fidelity;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Tests.Fidelity;

public sealed class FidelityAnalysisTests
{
    private static readonly FidelityConfiguration Net =
        new(2, Bandwidth.FromMegabitsPerSecond(100), SimTime.FromMilliseconds(5), FidelityMode.Push);

    [Test]
    public void Quantile_InterpolatesBetweenOrderStatistics()
    {
        double[] sorted = [0, 10, 20, 30, 40];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(FidelityAnalysis.Quantile(sorted, 0.5), Is.EqualTo(20));
            Assert.That(FidelityAnalysis.Quantile(sorted, 0.95), Is.EqualTo(38).Within(1e-12));
            Assert.That(FidelityAnalysis.Quantile([], 0.5), Is.NaN);
        }
    }

    [Test]
    public void Summarise_GroupsByVariantAndClass_WithSignedAndAbsoluteErrors()
    {
        var large = new PlannedIteration("SGD", 0, [200_000, 200_000]);
        var small = new PlannedIteration("Sparse", 0, [1_000, -1]);
        FidelityObservation[] observations =
        [
            new(Net, 0, large, 100, [90, 101, 102]),
            new(Net, 1, large, 100, [90, 99, 104]),
            new(Net, 0, small, 10, [5, 9, 10]),
        ];

        var summaries = FidelityAnalysis.Summarise(observations);
        var wireLarge = summaries.Single(s => s.Variant == LinkModelVariant.Wire && s.Class == PayloadClass.Large);
        var payloadLarge = summaries.Single(s => s.Variant == LinkModelVariant.Payload && s.Class == PayloadClass.Large);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summaries, Has.Count.EqualTo(6));
            Assert.That(wireLarge.Count, Is.EqualTo(2));
            Assert.That(wireLarge.MedianAbsoluteError, Is.EqualTo(0.01).Within(1e-12));
            Assert.That(wireLarge.MedianError, Is.EqualTo(0).Within(1e-12));
            Assert.That(wireLarge.MeetsTarget, Is.True);
            Assert.That(payloadLarge.MedianError, Is.EqualTo(-0.1).Within(1e-12));
            Assert.That(payloadLarge.MeetsTarget, Is.False);
        }
    }

    [Test]
    public void Observe_SimulatesEveryVariantForEveryPass()
    {
        using var folder = new Sasg.TestSupport.TemporaryDirectory();
        folder.WriteFile("uploads.csv", $"{EmulationResultTests.Header}\n0,0,0,163840,1,30000000,1\n0,0,1,163840,1,30000000,1\n1,0,0,163840,1,31000000,1\n1,0,1,163840,1,31000000,1\n");
        folder.WriteFile("environment.txt", "ping_rtt_ms_min_avg_max=10.4 10.5 10.9\n");
        var plan = new[] { new PlannedIteration("Top10", 0, [163_840, 163_840]) };

        var observations = FidelityAnalysis.Observe(Net, plan, EmulationResult.Read(folder.Path, 1, 2));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(observations.Select(o => o.Measured), Is.EqualTo(new long[] { 30_000_000, 31_000_000 }));
            Assert.That(observations[0].Simulated, Has.Count.EqualTo(Enum.GetValues<LinkModelVariant>().Length));
            // RTT_min / 2 = 5.2 ms instead of 5 ms, paid by the command and by the upload.
            Assert.That(observations[0].Simulated[(int)LinkModelVariant.WireMeasuredLatency] - observations[0].Simulated[(int)LinkModelVariant.Wire], Is.EqualTo(400_000));
        }
    }

    [Test]
    public void Observe_WithProbes_SubtractsTheMedianOverheadOncePerExchange_AndKeepsTheRawTime()
    {
        using var folder = new Sasg.TestSupport.TemporaryDirectory();
        folder.WriteFile("uploads.csv", $"{EmulationResultTests.Header}\n0,0,0,163840,1,40000000,1\n0,0,1,163840,1,80000000,1\n");
        folder.WriteFile("environment.txt", "ping_rtt_ms_min_avg_max=10.4 10.5 10.9\n");
        // 2D = 10 ms: overheads 0.2, 0.3 and 5 ms; the median 0.3 ms is paid once per pull upload.
        folder.WriteFile("probes.csv", "pass,iteration,worker,probe_ns\n0,0,0,10200000\n0,0,1,10300000\n0,0,0,15000000\n");
        var pull = Net with { Mode = FidelityMode.Pull };
        var plan = new[] { new PlannedIteration("Top10", 0, [163_840, 163_840]) };

        var observation = FidelityAnalysis.Observe(pull, plan, EmulationResult.Read(folder.Path, 1, 2)).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(observation.Harness, Is.EqualTo(600_000));
            Assert.That(observation.Measured, Is.EqualTo(79_400_000));
            Assert.That(observation.RawMeasured, Is.EqualTo(80_000_000));
            Assert.That(observation.Error(LinkModelVariant.Wire), Is.EqualTo((observation.Simulated[(int)LinkModelVariant.Wire] - 79_400_000) / 79_400_000.0));
            // wire-rtt holds the overhead in its latency, so it is compared with the raw time.
            Assert.That(observation.Error(LinkModelVariant.WireMeasuredLatency), Is.EqualTo((observation.Simulated[(int)LinkModelVariant.WireMeasuredLatency] - 80_000_000) / 80_000_000.0));
        }
    }

    [Test]
    public void PushUploads_WhenUploadsFinishTogether_FairShareIsExactAndSequentialPushIsEarlyForTheFirst()
    {
        using var folder = new Sasg.TestSupport.TemporaryDirectory();
        var plan = new[] { new PlannedIteration("SGD", 0, [1_628_200, 1_628_200]) };
        var fair = FidelityModel.Completions(Net, plan, LinkModelVariant.Wire, IngressPolicy.FairShare)[0];
        folder.WriteFile("uploads.csv", $"{EmulationResultTests.Header}\n0,0,0,1628200,1,{fair[0]},1\n0,0,1,1628200,1,{fair[1]},1\n");
        folder.WriteFile("environment.txt", "mtu=1500\n");

        var summaries = FidelityAnalysis.PushUploads(Net, plan, EmulationResult.Read(folder.Path, 1, 2));
        var pull = FidelityAnalysis.PushUploads(Net with { Mode = FidelityMode.Pull }, plan, EmulationResult.Read(folder.Path, 1, 2));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(summaries.Single(s => s.Policy == IngressPolicy.FairShare).P95AbsoluteError, Is.Zero);
            Assert.That(summaries.Single(s => s.Policy == IngressPolicy.SequentialPush).MeanCompletionError, Is.LessThan(-0.2));
            Assert.That(pull, Is.Empty);
        }
    }
}
