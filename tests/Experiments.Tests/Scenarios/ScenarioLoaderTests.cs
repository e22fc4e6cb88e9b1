using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.Learning.Partitioning;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Scenarios;

[TestFixture]
public sealed class ScenarioLoaderTests
{
    [Test]
    public void Load_DefaultScenario_IsTheLagSyntheticDefaultRun()
    {
        var scenario = ScenarioLoader.Load(RepositoryPaths.InRoot("scenarios", "default.json"));

        // The values of the original embedded default: 20 us per 50-sample full-batch gradient.
        var link = new Link(Bandwidth.OneGigabitPerSecond, SimTime.FromMicroseconds(50), DataSize.Zero) { Framing = new TcpFraming(1500) };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Name, Is.EqualTo("default"));
            Assert.That(scenario.Data.Synthetic!.ToOptions(scenario.Data.Workers, scenario.Seed), Is.EqualTo(new LagSyntheticOptions()));
            Assert.That(scenario.Model.Kind, Is.EqualTo(ModelKind.Linear));
            Assert.That(scenario.Model.Precision, Is.EqualTo(ModelPrecision.Float64));
            Assert.That(scenario.Training.Iterations, Is.EqualTo(5000));
            Assert.That(scenario.Training.FullBatch, Is.True);
            Assert.That(scenario.Training.StepSizeIsOneOverL, Is.True);
            Assert.That(scenario.Stop.ObjectiveError, Is.EqualTo(1e-8));
            Assert.That(scenario.Evaluation.Every, Is.EqualTo(1));
            Assert.That(scenario.Algorithms.Select(a => a.Name), Is.EqualTo(new[] { "GD", "LAG-WK", "LAG-PS" }));
            Assert.That(scenario.Network.UplinkOf(0), Is.EqualTo(link));
            Assert.That(scenario.Network.DownlinkOf(8), Is.EqualTo(link));
            Assert.That(scenario.Network.Ingress, Is.EqualTo(IngressPolicy.SequentialPush));
            Assert.That(
                scenario.Compute.CostPerSample.Nanoseconds * scenario.Data.Synthetic.Samples,
                Is.EqualTo(20_000));
        }
    }

    [Test]
    public void Parse_MinimalScenario_AppliesEveryDefault()
    {
        var scenario = ScenarioText.Parse(ScenarioText.Minimal());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Description, Is.Empty);
            Assert.That(scenario.Seed, Is.EqualTo(1));
            Assert.That(scenario.Data.Synthetic, Is.EqualTo(new ScenarioSyntheticData(1.3, 50, 50, 14, null)));
            Assert.That(scenario.Data.Partition, Is.Null);
            Assert.That(scenario.Model.Hidden, Is.Empty);
            Assert.That(scenario.Model.Lambda, Is.Zero);
            Assert.That(scenario.Model.Precision, Is.EqualTo(ModelPrecision.Float64));
            Assert.That(scenario.Training.BatchSize, Is.Null);
            Assert.That(scenario.Training.StepForm, Is.EqualTo(StepForm.Sum));
            Assert.That(scenario.Training.Schedule, Is.Empty);
            Assert.That(scenario.Stop, Is.EqualTo(ScenarioStop.None));
            Assert.That(scenario.Evaluation, Is.EqualTo(new ScenarioEvaluation(1, false)));
            Assert.That(scenario.Algorithms.Select(a => a.Label), Is.EqualTo(new[] { "GD", "LAG-WK" }));
            Assert.That(scenario.Algorithms[1].JsonPath, Is.EqualTo("$.algorithms[1]"));
            Assert.That(scenario.Network.Uplink, Is.EqualTo(Bandwidth.OneGigabitPerSecond));
            Assert.That(scenario.Network.Downlink, Is.EqualTo(Bandwidth.OneGigabitPerSecond));
            Assert.That(scenario.Network.ServerIngress, Is.EqualTo(Bandwidth.OneGigabitPerSecond));
            Assert.That(scenario.Network.Latency, Is.EqualTo(SimTime.FromMicroseconds(50)));
            Assert.That(scenario.Network.Ingress, Is.EqualTo(IngressPolicy.SequentialPush));
            Assert.That(scenario.Network.Broadcast, Is.EqualTo(BroadcastMode.Parallel));
            Assert.That(scenario.Network.HeaderBytes, Is.EqualTo(DataSize.Zero));
            Assert.That(scenario.Network.RequestBytes, Is.EqualTo(DataSize.FromBytes(64)));
            Assert.That(scenario.Network.SkipNoticeBytes, Is.EqualTo(DataSize.Zero));
            Assert.That(scenario.Network.Encoding, Is.EqualTo("default"));
            Assert.That(scenario.Network.Workers, Is.Empty);
            Assert.That(scenario.Network.TraceFile, Is.Null);
            Assert.That(scenario.Compute.CostPerSample, Is.EqualTo(SimTime.FromMicroseconds(1)));
            Assert.That(scenario.Compute.Speed, Is.EqualTo(new[] { 1.0, 1.0, 1.0 }));
            Assert.That(scenario.Compute.Straggler, Is.SameAs(StragglerNoise.None));
            Assert.That(scenario.Outputs, Is.EqualTo(new ScenarioOutputs("results/t", true, true)));
            Assert.That(scenario.Sweep, Is.Null);
        }
    }

    [Test]
    public void Parse_ImageScenario_AppliesMinibatchDefaults()
    {
        var scenario = ScenarioText.Parse(ScenarioText.Images());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Data.Images, Is.Not.Null);
            Assert.That(scenario.Data.Images!.Sources, Is.EqualTo(new[] { DataSource.FashionMnist }));
            Assert.That(scenario.Data.Images.Normalize, Is.EqualTo(ImageNormalization.Mnist));
            Assert.That(scenario.Data.Images.TrainSamples, Is.Null);
            Assert.That(scenario.Data.Partition, Is.EqualTo(ScenarioPartition.Default));
            Assert.That(scenario.Model.Precision, Is.EqualTo(ModelPrecision.Float32));
            Assert.That(scenario.Training.BatchSize, Is.EqualTo(10));
            Assert.That(scenario.Training.Epochs, Is.EqualTo(1.0));
            Assert.That(scenario.Evaluation, Is.EqualTo(new ScenarioEvaluation(100, true)));
        }
    }

    [Test]
    public void Parse_UplinkOnly_DownlinkAndIngressFollowIt()
    {
        var json = ScenarioText.Minimal();
        json["network"] = new JObject { ["uplink"] = "100 Mbit/s" };

        var network = ScenarioText.Parse(json).Network;

        Assert.That(new[] { network.Uplink, network.Downlink, network.ServerIngress }, Has.All.EqualTo(Bandwidth.FromMegabitsPerSecond(100)));
    }

    [Test]
    public void UplinkOf_WorkerWithOverride_UsesOverrideAndKeepsOtherDefaults()
    {
        var json = ScenarioText.Minimal();
        json["network"] = JObject.Parse("""{ "latency": "1ms", "headerBytes": "40B", "workers": [ { "worker": 2, "uplink": "10Mbps" } ] }""");

        var network = ScenarioText.Parse(json).Network;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                network.UplinkOf(2),
                Is.EqualTo(new Link(Bandwidth.FromMegabitsPerSecond(10), SimTime.FromMilliseconds(1), DataSize.FromBytes(40)) { Framing = new TcpFraming(1500) }));
            Assert.That(network.DownlinkOf(2).Bandwidth, Is.EqualTo(Bandwidth.OneGigabitPerSecond));
            Assert.That(network.UplinkOf(0).Bandwidth, Is.EqualTo(Bandwidth.OneGigabitPerSecond));
        }
    }

    [Test]
    public void ToResolvedJson_FullScenario_RoundTripsThroughTheLoader()
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile("table.csv", "a,b,y\n1,2,0\n3,4,1\n5,6,1\n7,8,0\n");
        folder.WriteFile("workers.csv", WorkerTraceFile.Header + "\n0,1,1e9,1e9,0.00005,0.00005\n1,2,1e8,1e9,0.00005,0.00005\n");
        var text = """
            {
              "name": "full",
              "description": "every block",
              "seed": 7,
              "data": { "source": "csv", "workers": 2, "path": "table.csv", "labels": "class", "labelColumn": -1,
                        "hasHeader": true, "testFraction": 0.25,
                        "partition": { "kind": "dirichlet", "alpha": 0.5, "remainder": "drop" } },
              "model": { "kind": "mlp", "hidden": [16, 8], "precision": "float64" },
              "training": { "epochs": 2.5, "batchSize": 2, "stepSize": 0.05, "stepForm": "mean",
                            "schedule": [ { "atEpoch": 1, "stepSize": 0.01 } ] },
              "stop": { "targetAccuracy": 0.9, "targetLoss": 0.25 },
              "evaluation": { "every": 5, "testSet": true },
              "algorithms": [ { "name": "sasg", "label": "SASG-1%", "parameters": { "fraction": 0.01, "codeFaithful": false, "mode": "x" } },
                              { "name": "Top-k" } ],
              "network": { "uplink": "100 Mbit/s", "downlink": "1Gbps", "latency": "0.5ms", "serverIngress": "10Gbps",
                           "ingress": "fair-share", "broadcast": "binomial-tree", "headerBytes": "66B", "requestBytes": "1KiB",
                           "skipNoticeBytes": "8B", "encoding": "COO", "workers": [ { "worker": 1, "latency": "2ms" } ],
                           "traceFile": "workers.csv" },
              "compute": { "costPerSample": "1.5us", "speed": [1, 0.5], "straggler": "lognormal(-0.125,0.5)" },
              "outputs": { "directory": "out/full", "trace": false, "plots": false },
              "sweep": { "network.latency": ["1ms", "2ms"] }
            }
            """;

        var scenario = ScenarioLoader.Parse(text, "full.json", folder.Path);
        var resolved = scenario.ToResolvedJson();
        var again = ScenarioLoader.Parse(resolved, "resolved.json", null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.ToResolvedJson(), Is.EqualTo(resolved));
            Assert.That(scenario.Algorithms[0].Name, Is.EqualTo("SASG"));
            Assert.That(scenario.Algorithms[0].TryGetNumber("fraction", out var fraction) && fraction == 0.01, Is.True);
            Assert.That(scenario.Algorithms[0].TryGetBoolean("codeFaithful", out var faithful) && !faithful, Is.True);
            Assert.That(scenario.Network.Encoding, Is.EqualTo("coo"));
            Assert.That(scenario.Network.TraceFile, Is.EqualTo(Path.Combine(folder.Path, "workers.csv")));
            Assert.That(scenario.Network.Mtu, Is.Null, "a trace file's links carry no default framing");
            Assert.That(scenario.Data.Table!.Path, Is.EqualTo(Path.Combine(folder.Path, "table.csv")));
            Assert.That(scenario.Data.Table.Labels, Is.EqualTo(LabelKind.Class));
            Assert.That(scenario.Data.Partition, Is.EqualTo(new ScenarioPartition(PartitionKind.Dirichlet, null, 0.5, RemainderPolicy.Drop)));
            Assert.That(scenario.Network.Latency, Is.EqualTo(SimTime.FromMicroseconds(500)));
            Assert.That(scenario.Network.RequestBytes, Is.EqualTo(DataSize.FromBytes(1024)));
            Assert.That(scenario.Compute.ComputeFactors, Is.EqualTo(new[] { 1.0, 2.0 }));
            Assert.That(scenario.Compute.Straggler.Description, Is.EqualTo("lognormal(-0.125,0.5)"));
            Assert.That(JObject.Parse(resolved)["network"]!["uplink"]!.Value<string>(), Is.EqualTo("100Mbps"));
            Assert.That(JObject.Parse(resolved)["sweep"]!["network.latency"]!.ToObject<string[]>(), Is.EqualTo(new[] { "1ms", "2ms" }));
        }
    }

    [Test]
    public void ToResolvedJson_DefaultScenario_WritesEveryBlockInInvariantCulture()
    {
        var scenario = ScenarioLoader.Load(RepositoryPaths.InRoot("scenarios", "default.json"));

        var resolved = JObject.Parse(scenario.ToResolvedJson());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                resolved.Properties().Select(p => p.Name),
                Is.EqualTo(new[] { "name", "description", "seed", "data", "model", "training", "stop", "evaluation", "algorithms", "network", "compute", "outputs" }));
            Assert.That(resolved["data"]!["base"]!.Value<double>(), Is.EqualTo(1.3));
            Assert.That(resolved["network"]!["latency"]!.Value<string>(), Is.EqualTo("50us"));
            Assert.That(resolved["compute"]!["costPerSample"]!.Value<string>(), Is.EqualTo("400ns"));
            Assert.That(resolved["training"]!["stepSize"]!.Value<string>(), Is.EqualTo("1/L"));
        }
    }

    [TestCase("auto", DecisionsFormat.Auto)]
    [TestCase("csv", DecisionsFormat.Csv)]
    [TestCase("parquet", DecisionsFormat.Parquet)]
    [TestCase("both", DecisionsFormat.Both)]
    public void Parse_OutputsDecisions_ReadsTheFormat_AndTheWrittenScenarioKeepsIt(string word, DecisionsFormat format)
    {
        var json = ScenarioText.Minimal();
        json["outputs"] = new JObject { ["decisions"] = word };

        var scenario = ScenarioText.Parse(json);
        var written = ScenarioText.Parse(ScenarioWriter.Write(scenario));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Outputs.Decisions, Is.EqualTo(format));
            Assert.That(written.Outputs.Decisions, Is.EqualTo(format));
            Assert.That(ScenarioWriter.Write(scenario)["outputs"]!["decisions"], format == DecisionsFormat.Auto ? Is.Null : Is.Not.Null);
        }
    }

    [Test]
    public void Parse_AnUnknownDecisionsFormat_NamesTheField()
    {
        var json = ScenarioText.Minimal();
        json["outputs"] = new JObject { ["decisions"] = "xml" };

        Assert.That(ScenarioText.Problems(json), Has.One.StartsWith("s.json: $.outputs.decisions: "));
    }
}
