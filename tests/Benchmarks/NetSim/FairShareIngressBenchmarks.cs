using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Sasg.NetSim.Network;
using Sasg.NetSim.Tests.Network;

namespace Sasg.Benchmarks.NetSim;

/// <summary>
/// One synchronous round of M uploads through the fair-share ingress: the incremental <see cref="FairShareIngress"/>
/// against the O(M²) reference it replaced (the test project's copy). Load: <see cref="FairShareRounds.Benchmark"/>
/// (10 uplink classes of 100 Mbit/s to 1 Gbit/s, 1 Gbit/s ingress, arrivals spread over about 1.2 ms).
/// </summary>
[MemoryDiagnoser]
public class FairShareIngressBenchmarks : FairShareIngressRound
{
    /// <summary>Uploads in the round.</summary>
    [Params(10, 1_000, 10_000)]
    public override int Uploads { get; set; }
}

/// <summary>
/// The same round with 100,000 uploads, measured once per method (the reference takes minutes per round; a single
/// cold iteration, so read the figure as one sample).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class FairShareIngressLargeBenchmarks : FairShareIngressRound
{
    /// <summary>Uploads in the round.</summary>
    [Params(100_000)]
    public override int Uploads { get; set; }
}

/// <summary>The two methods both fair-share benchmarks run.</summary>
public abstract class FairShareIngressRound
{
    private IngressUpload[] _uploads = [];
    private long[] _ends = [];
    private readonly FairShareIngress _incremental = new();
    private readonly ReferenceFairShareIngress _reference = new();

    /// <summary>Uploads in the round.</summary>
    public abstract int Uploads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _uploads = FairShareRounds.Benchmark(Uploads);
        _ends = new long[Uploads];
    }

    [Benchmark(Baseline = true, Description = "reference O(M²)")]
    public long Reference()
    {
        _reference.Run(_uploads, 1_000_000_000, _ends, null);
        return _ends[^1];
    }

    [Benchmark(Description = "FairShareLink O(M log M)")]
    public long Incremental()
    {
        _incremental.Run(_uploads, 1_000_000_000, _ends, null);
        return _ends[^1];
    }
}
