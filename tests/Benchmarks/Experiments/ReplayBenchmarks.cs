using BenchmarkDotNet.Attributes;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Replay;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Benchmarks.Experiments;

/// <summary>
/// `sasg replay`'s workload: one recorded decision log of M = 100 workers x 1,000 iterations (about 30 % skips) pushed
/// through one network, from the decision rows (as read from decisions.csv) to the end time of every iteration.
/// The floor is 1,000 such network scenarios per minute, i.e. 60 ms per scenario.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class ReplayBenchmarks
{
    private const int Workers = 100;
    private const int Iterations = 1_000;

    private List<DecisionRow> _rows = null!;
    private DecisionLog _log = null!;
    private StarTopology _star = null!;

    [Params(IngressPolicy.SequentialPush, IngressPolicy.FairShare)]
    public IngressPolicy Policy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _rows = [];
        for (var k = 0; k < Iterations; k++)
        {
            for (var w = 0; w < Workers; w++)
            {
                var skip = ((k * 7) + (w * 13)) % 10 < 3;
                _rows.Add(new DecisionRow("SASG", k, w, skip ? "skip" : "upload", skip ? 0 : 32_568, 2_000_000, false));
            }
        }

        _log = DecisionLog.From("SASG", _rows);
        var links = Enumerable.Range(0, Workers)
            .Select(w => new Link(Bandwidth.FromMegabitsPerSecond(100 + (w % 10 * 100)), SimTime.FromMicroseconds(500), DataSize.FromBytes(66)))
            .ToArray();
        _star = new StarTopology(links, links, Bandwidth.FromGigabitsPerSecond(1));
    }

    /// <summary>Replay of an already parsed log on one network (what a sweep cell costs).</summary>
    [Benchmark]
    public SimTime ReplayOneNetwork() =>
        ReplayRunner.IterationEnds(_log, _star, Options(), ComputeModel.Uniform(Workers, seed: 1))[^1];

    /// <summary>Building the log from 100,000 decision rows, then the replay.</summary>
    [Benchmark]
    public SimTime BuildLogAndReplay() =>
        ReplayRunner.IterationEnds(DecisionLog.From("SASG", _rows), _star, Options(), ComputeModel.Uniform(Workers, seed: 1))[^1];

    private ParameterServerOptions Options() => new() { Ingress = Policy, ModelSize = DataSize.FromBytes(1_628_200) };
}
