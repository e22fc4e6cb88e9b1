using BenchmarkDotNet.Attributes;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Benchmarks.NetSim;

/// <summary>
/// One replay scenario: M = 100 heterogeneous workers, 1,000 synchronous rounds, about 30 % of uploads skipped, per
/// ingress policy, on the fast path and with no trace sink (the Experiments replay workload).
/// </summary>
[MemoryDiagnoser]
public class ParameterServerRoundBenchmarks
{
    private const int Workers = 100;
    private const int Rounds = 1_000;

    private ParameterServerRound _model = null!;
    private FixedRoundPlan _plan = null!;

    [Params(IngressPolicy.SequentialPush, IngressPolicy.SequentialPull, IngressPolicy.FairShare, IngressPolicy.Unlimited)]
    public IngressPolicy Policy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var uplinks = Enumerable.Range(0, Workers)
            .Select(w => new Link(Bandwidth.FromMegabitsPerSecond(100 + (w % 10 * 100)), SimTime.FromMicroseconds(500), DataSize.FromBytes(66)))
            .ToArray();
        var star = new StarTopology(uplinks, uplinks, Bandwidth.FromGigabitsPerSecond(1));
        var compute = new ComputeModel(
            Enumerable.Range(0, Workers).Select(w => 1 + (w % 4 * 0.25)).ToArray(), StragglerNoise.LogNormal(-0.045, 0.3), seed: 1);
        var options = new ParameterServerOptions { Ingress = Policy, ModelSize = DataSize.FromBytes(1_628_200) };
        _model = new ParameterServerRound(star, compute, options);
        _plan = new FixedRoundPlan(Enumerable.Range(0, Rounds).Select(r => (IReadOnlyList<WorkerAction>)Enumerable.Range(0, Workers)
            .Select(w => (r * 7 + w * 13) % 10 < 3
                ? WorkerAction.Skip(SimTime.FromMilliseconds(2))
                : WorkerAction.Upload(DataSize.FromBytes(32_768 + (w * 100)), SimTime.FromMilliseconds(2)))
            .ToArray()));
    }

    [Benchmark]
    public long HundredWorkersThousandRounds() => _model.Run(_plan, Rounds).End.Nanoseconds;
}
