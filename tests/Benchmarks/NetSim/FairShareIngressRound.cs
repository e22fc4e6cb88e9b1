using BenchmarkDotNet.Attributes;
using Sasg.NetSim.Network;
using Sasg.NetSim.Tests.Network;

namespace Sasg.Benchmarks.NetSim;

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
