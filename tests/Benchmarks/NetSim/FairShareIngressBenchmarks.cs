using BenchmarkDotNet.Attributes;
using Sasg.NetSim.Network;
using Sasg.NetSim.Tests.Network;

namespace Sasg.Benchmarks.NetSim;

/// <summary>
/// One synchronous round of M uploads through the fair-share ingress: the incremental <see cref="FairShareIngress"/>
/// against the O(M²) reference it replaced (the test project's copy). Load: <see cref="FairShareRounds.Benchmark"/>
/// (10 uplink classes of 100 Mbit/s to 1 Gbit/s, 1 Gbit/s ingress, arrivals spread over about 1.2 ms). At 10 uploads
/// (at most <see cref="FairShareIngress.DirectLimit"/>) the incremental method runs the ingress's direct water-filling.
/// </summary>
[MemoryDiagnoser]
public class FairShareIngressBenchmarks : FairShareIngressRound
{
    /// <summary>Uploads in the round.</summary>
    [Params(10, 100, 1_000)]
    public override int Uploads { get; set; }
}
