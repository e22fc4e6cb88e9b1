using BenchmarkDotNet.Attributes;

namespace Sasg.Benchmarks.NetSim;

/// <summary>
/// The same round with 10,000 uploads. The reference takes seconds per round (too long for BenchmarkDotNet's
/// in-process pilot under load), so docs/benchmarks.md runs this class with single-invocation iterations
/// (<c>--strategy Monitoring</c>).
/// </summary>
public class FairShareIngressLargeBenchmarks : FairShareIngressRound
{
    /// <summary>Uploads in the round.</summary>
    [Params(10_000)]
    public override int Uploads { get; set; }
}
