using Sasg.Experiments.Driver;
using Sasg.Experiments.Replay;
using Sasg.Experiments.Results;
using Sasg.Experiments.Tests.Driver;
using Sasg.NetSim.Network;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Replay;

[NonParallelizable]
public sealed class ReplayRunnerTests
{
    [Test]
    public void ReplayOnTheSameNetwork_GivesExactlyTheLiveSimulatedTimes()
    {
        var plan = TinyPlans.Stochastic("SGD", "SASG", "LASG-WK2");
        var results = ExperimentDriver.Run(plan);
        using var folder = new TemporaryDirectory();
        ResultsFolder.Write(folder.Path, plan, results);
        var rows = DecisionsCsv.Read(Path.Combine(folder.Path, "decisions.csv"));

        foreach (var result in results)
        {
            var ends = ReplayRunner.IterationEnds(DecisionLog.From(result.Label, rows), plan.Topology, plan.Network, plan.CreateCompute());

            Assert.That(ends[^1].TotalSeconds, Is.EqualTo(result.SimulatedSeconds), result.Label);
            foreach (var point in result.Metrics.Where(m => m.Iteration > 0))
            {
                Assert.That(ends[point.Iteration - 1].TotalSeconds, Is.EqualTo(point.SimulatedSeconds), $"{result.Label} at {point.Iteration}");
            }
        }
    }

    [Test]
    public void ReplayOnASlowerNetwork_KeepsDecisions_AndTakesLonger()
    {
        var plan = TinyPlans.Stochastic("SGD");
        var result = ExperimentDriver.Run(plan)[0];
        var log = DecisionLog.From("SGD", result.Decisions);
        var slow = StarTopology.Homogeneous(4, new Link(Bandwidth.FromMegabitsPerSecond(1), plan.Topology.Uplinks[0].Latency, DataSize.Zero));

        var ends = ReplayRunner.IterationEnds(log, slow, plan.Network with { Ingress = IngressPolicy.FairShare }, plan.CreateCompute());

        Assert.That(ends[^1].TotalSeconds, Is.GreaterThan(result.SimulatedSeconds * 5));
    }

    [Test]
    public void Replay_WithAnotherWorkerCount_SaysMMustStayFixed()
    {
        var plan = TinyPlans.Stochastic("SGD");
        var log = DecisionLog.From("SGD", ExperimentDriver.Run(plan)[0].Decisions);

        Assert.That(
            () => ReplayRunner.IterationEnds(log, StarTopology.Homogeneous(5), plan.Network, ComputeModel.Uniform(5)),
            Throws.ArgumentException.With.Message.Contains("M fixed"));
    }

    [Test]
    public void DecisionLog_WithAMissingRow_NamesTheRowAndWhatWasExpected()
    {
        var rows = new List<DecisionRow>
        {
            new("A", 0, 0, "upload", 10, 5, false), new("A", 0, 1, "skip", 0, 5, false), new("A", 1, 0, "skip", 0, 5, false),
            new("A", 2, 0, "skip", 0, 5, false), new("A", 2, 1, "skip", 0, 5, false),
        };

        Assert.That(
            () => DecisionLog.From("A", rows),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("row 4: 'A' iteration 1 has 1 of the run's 2 workers (0 to 1)"));
    }

    [Test]
    public void DecisionLog_WithANegativeComputeTime_IsRefused()
    {
        var rows = new List<DecisionRow> { new("A", 0, 0, "upload", 10, -5, false) };

        Assert.That(
            () => DecisionLog.From("A", rows),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("row 1: column 'compute_ns': -5 is out of range"));
    }
}
