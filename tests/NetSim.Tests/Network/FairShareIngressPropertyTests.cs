using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class FairShareIngressPropertyTests
{
    [FsCheck.NUnit.Property(Replay = "20251202,1601", MaxTest = 300)]
    public bool RandomRound_GivesTheReferenceTimesAndLevels_ToTheNanosecond(int seed, byte size)
    {
        var workers = 1 + (size % 2 == 0 ? size % 12 : size);
        var (uploads, capacity) = FairShareRounds.Random(seed, workers);

        var (ends, levels) = Run(uploads, capacity, (u, c, e, l) => new FairShareIngress().Run(u, c, e, l));
        var (linkEnds, linkLevels) = Run(uploads, capacity, (u, c, e, l) => new FairShareIngress(directLimit: 0).Run(u, c, e, l));
        var (directEnds, directLevels) = Run(uploads, capacity, (u, c, e, l) => new FairShareIngress(int.MaxValue).Run(u, c, e, l));
        var (expectedEnds, expectedLevels) = Run(uploads, capacity, (u, c, e, l) => new ReferenceFairShareIngress().Run(u, c, e, l));

        return ends.SequenceEqual(expectedEnds) && levels.SequenceEqual(expectedLevels)
            && linkEnds.SequenceEqual(expectedEnds) && linkLevels.SequenceEqual(expectedLevels)
            && directEnds.SequenceEqual(expectedEnds) && directLevels.SequenceEqual(expectedLevels);
    }

    [TestCase(0)]
    [TestCase(FairShareIngress.DirectLimit)]
    public void SmallRounds_GiveTheReferenceTimes_WhicheverPathTheyTake(int directLimit)
    {
        var ingress = new FairShareIngress(directLimit);
        for (var workers = 1; workers <= 2 * FairShareIngress.DirectLimit; workers++)
        {
            var (uploads, capacity) = FairShareRounds.Random(workers * 7919, workers);

            var (ends, levels) = Run(uploads, capacity, ingress.Run);
            var (expectedEnds, expectedLevels) = Run(uploads, capacity, (u, c, e, l) => new ReferenceFairShareIngress().Run(u, c, e, l));

            Assert.That(ends, Is.EqualTo(expectedEnds), $"{workers} workers");
            Assert.That(levels, Is.EqualTo(expectedLevels), $"{workers} workers");
        }
    }

    [Test]
    public void ReusedInstance_GivesTheReferenceTimes_RoundAfterRound()
    {
        var ingress = new FairShareIngress(directLimit: 0);
        for (var round = 0; round < 20; round++)
        {
            var (uploads, capacity) = FairShareRounds.Random(round, 40);

            var (ends, _) = Run(uploads, capacity, ingress.Run);
            var (expected, _) = Run(uploads, capacity, (u, c, e, l) => new ReferenceFairShareIngress().Run(u, c, e, l));

            Assert.That(ends, Is.EqualTo(expected), $"round {round}");
        }
    }

    [Test]
    public void BenchmarkRound_GivesTheReferenceTimes()
    {
        var uploads = FairShareRounds.Benchmark(2_000);

        var (ends, levels) = Run(uploads, 1_000_000_000, (u, c, e, l) => new FairShareIngress().Run(u, c, e, l));
        var (expectedEnds, expectedLevels) = Run(uploads, 1_000_000_000, (u, c, e, l) => new ReferenceFairShareIngress().Run(u, c, e, l));

        Assert.That(ends, Is.EqualTo(expectedEnds));
        Assert.That(levels, Is.EqualTo(expectedLevels));
    }

    private delegate void Ingress(ReadOnlySpan<IngressUpload> flows, long capacity, long[] receiveEnd, Action<long, long>? onLevel);

    private static (long[] Ends, List<(long, long)> Levels) Run(IngressUpload[] uploads, long capacity, Ingress ingress)
    {
        var ends = new long[uploads.Length];
        var levels = new List<(long, long)>();
        ingress(uploads, capacity, ends, (time, rate) => levels.Add((time, rate)));
        return (ends, levels);
    }
}
