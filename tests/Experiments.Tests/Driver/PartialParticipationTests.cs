using Sasg.Experiments.Driver;
using Sasg.Experiments.Replay;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>Partial participation (<c>participation</c>): K of M workers sampled per round, gradients only for them,
/// per-worker state made lazily and reported, deterministic sampling, "available" sampling, replay.</summary>
[NonParallelizable]
public sealed class PartialParticipationTests
{
    // The model of Plan: an MLP 8 -> 64 -> 3.
    private const int Parameters = (8 * 64) + 64 + (64 * 3) + 3;

    [Test]
    public void TenOfTenThousandWorkers_ComputeOnlyTheSampled_AndHoldASmallFractionOfTheEagerState()
    {
        const int workers = 10_000;
        const int sampled = 10;
        var plan = Plan(workers, new ScenarioParticipation(sampled, ParticipationPool.All), "SGD", "SASG", "LASG-WK2") with { Iterations = 6, EvaluateEvery = 3 };

        var results = ExperimentDriver.Run(plan);

        // The eager allocation held at least one model-sized float32 vector per worker (SASG's error memories).
        var eager = (long)workers * Parameters * sizeof(float);
        foreach (var result in results)
        {
            var byIteration = result.Decisions.GroupBy(d => d.Iteration).ToList();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(byIteration, Has.Count.EqualTo(6), result.Label);
                foreach (var iteration in byIteration)
                {
                    var computed = iteration.Where(d => d.Decision != "not-sampled").ToList();
                    Assert.That(iteration.Count(), Is.EqualTo(workers), $"{result.Label}: a row per worker");
                    Assert.That(computed, Has.Count.EqualTo(sampled), $"{result.Label} at {iteration.Key}: gradients only for the sampled");
                    Assert.That(computed.Select(d => d.Decision), Has.All.AnyOf("upload", "skip"));
                    Assert.That(iteration.Where(d => d.Decision == "not-sampled").Select(d => d.ComputeNanoseconds), Has.All.Zero);
                }

                TestContext.Out.WriteLine($"{result.Label}: {result.PerWorkerStateBytes} per-worker state bytes; eager at least {eager}");
                Assert.That(result.Uploads, Is.LessThanOrEqualTo(6 * sampled));
                Assert.That(result.PerWorkerStateBytes, Is.GreaterThan(0));
                Assert.That(result.PerWorkerStateBytes, Is.LessThan(eager / 20), $"{result.Label}: {result.PerWorkerStateBytes} bytes");
            }
        }
    }

    [Test]
    public void EveryWorkerSampled_GivesExactlyTheFullParticipationRun()
    {
        var full = Plan(6, null, "SGD", "SASG", "LAG-WK", "Top-k");
        var sampledAll = full with { Participation = new ScenarioParticipation(6, ParticipationPool.All) };

        var expected = ExperimentDriver.Run(full);
        var actual = ExperimentDriver.Run(sampledAll);

        for (var i = 0; i < expected.Count; i++)
        {
            Assert.That(actual[i].Metrics, Is.EqualTo(expected[i].Metrics).AsCollection, expected[i].Label);
            Assert.That(actual[i].Decisions, Is.EqualTo(expected[i].Decisions).AsCollection, expected[i].Label);
        }
    }

    [Test]
    public void Sampling_IsDeterministic_DrawsKDistinctWorkers_AndCoversWorkersEvenly()
    {
        var participation = new ScenarioParticipation(5, ParticipationPool.All);
        var first = new ParticipationSampler(participation, 20, seed: 7, availability: null);
        var second = new ParticipationSampler(participation, 20, seed: 7, availability: null);
        var otherSeed = new ParticipationSampler(participation, 20, seed: 8, availability: null);
        var counts = new int[20];
        var differs = 0;
        for (var round = 0; round < 2000; round++)
        {
            first.Sample(round, 0);
            second.Sample(round, 0);
            otherSeed.Sample(round, 0);
            var a = Members(first, 20);
            Assert.That(a, Has.Length.EqualTo(5));
            Assert.That(Members(second, 20), Is.EqualTo(a), $"round {round}");
            differs += Members(otherSeed, 20).SequenceEqual(a) ? 0 : 1;
            foreach (var m in a)
            {
                counts[m]++;
            }
        }

        // Each worker is in a round's sample with probability 1/4: 500 of 2000, standard deviation about 19.
        Assert.That(counts, Has.All.InRange(400, 600));
        Assert.That(differs, Is.GreaterThan(1900), "another seed, other samples");
    }

    [Test]
    public void AvailableSampling_TakesOnlyWorkersOnlineAtTheRoundStart()
    {
        var sampler = new ParticipationSampler(new ScenarioParticipation(3, ParticipationPool.Available), 8, 1, new EvenWorkersUntil(1_000));
        var all = new ParticipationSampler(new ScenarioParticipation(3, ParticipationPool.All), 8, 1, new EvenWorkersUntil(1_000));
        var offline = 0;
        for (var round = 0; round < 50; round++)
        {
            sampler.Sample(round, 0);
            all.Sample(round, 0);
            Assert.That(Members(sampler, 8), Has.Length.EqualTo(3).And.All.Matches<int>(m => m % 2 == 0), $"round {round}");
            offline += Members(all, 8).Count(m => m % 2 == 1);
        }

        sampler.Sample(50, 500);
        var early = Members(sampler, 8);
        sampler.Sample(51, 1_000);
        var late = Members(sampler, 8);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(offline, Is.GreaterThan(0), "\"all\" ignores availability");
            Assert.That(early, Has.Length.EqualTo(3));
            Assert.That(late, Is.Empty, "nobody online at 1 us: no participant");
        }
    }

    [Test]
    public void AvailableSampling_InARun_SamplesOnlineWorkers()
    {
        var plan = Plan(8, new ScenarioParticipation(3, ParticipationPool.Available), "SASG") with
        {
            Availability = new EvenWorkersUntil(long.MaxValue),
        };

        var result = ExperimentDriver.Run(plan).Single();

        var computed = result.Decisions.Where(d => d.Decision != "not-sampled").ToList();
        Assert.That(computed, Has.Count.EqualTo(3 * plan.Iterations));
        Assert.That(computed.Select(d => d.Worker), Has.All.Matches<int>(m => m % 2 == 0));
    }

    [Test]
    public void Replay_OfAPartialParticipationRun_GivesTheLiveTimes_AndSummaryReportsTheState()
    {
        var plan = Plan(12, new ScenarioParticipation(4, ParticipationPool.All), "SGD", "SASG");
        var results = ExperimentDriver.Run(plan);
        using var folder = new TemporaryDirectory();
        ResultsFolder.Write(folder.Path, plan, results);
        var rows = DecisionsCsv.Read(Path.Combine(folder.Path, "decisions.csv"));
        var summary = File.ReadAllText(Path.Combine(folder.Path, "summary.json"));

        Assert.That(rows.Count(r => r.Decision == "not-sampled"), Is.EqualTo(2 * 8 * plan.Iterations));
        Assert.That(summary, Does.Contain($"\"perWorkerStateBytes\": {results[1].PerWorkerStateBytes}"));
        foreach (var result in results)
        {
            var ends = ReplayRunner.IterationEnds(DecisionLog.From(result.Label, rows), plan.Topology, plan.Network, plan.CreateCompute());
            Assert.That(ends[^1].TotalSeconds, Is.EqualTo(result.SimulatedSeconds), result.Label);
        }
    }

    private static int[] Members(ParticipationSampler sampler, int workers) =>
        [.. Enumerable.Range(0, workers).Where(sampler.Contains)];

    // M workers of 3 samples each (8 features, 3 classes), an MLP 8 -> 64 -> 3, minibatches of 2.
    private static RunPlan Plan(int workers, ScenarioParticipation? participation, params string[] algorithms)
    {
        var random = new Random(5);
        Dataset Make(string name, int count)
        {
            var features = Enumerable.Range(0, count * 8).Select(_ => random.NextDouble() - 0.5).ToArray();
            var labels = Enumerable.Range(0, count).Select(i => (features[i * 8] > 0 ? 1 : 0) + (features[(i * 8) + 1] > 0 ? 1 : 0)).ToArray();
            return new Dataset(name, count, [8], features, labels, 3, null);
        }

        var data = Enumerable.Range(0, workers).Select(m => Make($"w{m}", 3)).ToList();
        return new RunPlan
        {
            Name = "participation",
            Seed = 4,
            WorkerData = data,
            TestData = Make("test", 30),
            CreateModel = () => new Mlp([8, 64, 3]),
            LossIsMean = true,
            Algorithms = algorithms.Select(AlgorithmSpec.Of).ToList(),
            Iterations = 12,
            BatchSize = 2,
            StepSize = 0.05,
            EvaluateEvery = 4,
            Topology = StarTopology.Homogeneous(workers, new Link(Bandwidth.FromMegabitsPerSecond(100), SimTime.FromMicroseconds(200), DataSize.Zero)),
            Network = new ParameterServerOptions { Ingress = IngressPolicy.SequentialPush, ModelSize = DataSize.FromBytes(4 * Parameters) },
            CreateCompute = () => ComputeModel.Uniform(workers, StragglerNoise.LogNormal(0, 0.3), seed: 9),
            CostPerSample = SimTime.FromMicroseconds(2),
            Participation = participation,
        };
    }

    /// <summary>Even workers online on [0, until), odd workers never.</summary>
    private sealed class EvenWorkersUntil(long until) : IWorkerAvailability
    {
        public bool IsOnline(int worker, long time) => worker % 2 == 0 && time < until;

        public long NextChange(int worker, long time) => worker % 2 == 0 && time < until ? until : long.MaxValue;
    }
}
