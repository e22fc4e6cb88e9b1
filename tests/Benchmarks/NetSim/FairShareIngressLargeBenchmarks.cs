using BenchmarkDotNet.Attributes;

namespace Sasg.Benchmarks.NetSim;

/// <summary>
/// The same round with 100,000 uploads. The reference takes minutes per round, so docs/benchmarks.md runs this class
/// with a single iteration per method (<c>--strategy Monitoring --iterationCount 1</c>): read it as one sample.
/// </summary>
public class FairShareIngressLargeBenchmarks : FairShareIngressRound
{
    /// <summary>Uploads in the round.</summary>
    [Params(100_000)]
    public override int Uploads { get; set; }
}
