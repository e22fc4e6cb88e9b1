using BenchmarkDotNet.Attributes;

namespace Sasg.Benchmarks.NetSim;

/// <summary>
/// The same round with 100,000 uploads, run as the 10,000-upload class is; docs/benchmarks.md runs only the
/// incremental method here (the reference would take minutes of CPU per round).
/// </summary>
public class FairShareIngressHugeBenchmarks : FairShareIngressRound
{
    /// <summary>Uploads in the round.</summary>
    [Params(100_000)]
    public override int Uploads { get; set; }
}
