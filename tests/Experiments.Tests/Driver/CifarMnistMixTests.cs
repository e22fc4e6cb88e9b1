using Sasg.Experiments.Driver;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>The SASG paper's non-iid mix on generated files: even workers CIFAR-10, odd workers MNIST padded to
/// 3x32x32, the test set the union of both, each source normalised with its own constants.</summary>
[NonParallelizable]
public sealed class CifarMnistMixTests
{
    private const int CifarRecords = 4;
    private const int DigitsPerClass = 3;

    private const string Json = """
        {
          "name": "tiny-cifar-mnist", "seed": 3,
          "data": { "source": "mixed", "workers": 2, "sources": ["cifar10", "mnist-json"] },
          "model": { "kind": "mlp", "hidden": [8] },
          "training": { "iterations": 4, "batchSize": 4, "stepSize": 0.05 },
          "evaluation": { "every": 2 },
          "algorithms": [ { "name": "SGD" }, { "name": "SASG", "parameters": { "fraction": 0.05 } } ],
          "network": { "uplink": "100Mbps", "latency": "1ms" }
        }
        """;

    private static RunPlan Plan(TemporaryDirectory root)
    {
        CifarTestData.WriteCifar10(root.Path, CifarRecords);
        CifarTestData.WriteMnistJson(root.Path, DigitsPerClass);
        var scenario = ScenarioLoader.Parse(Json, "tiny.json", root.Path);
        return ScenarioPlanner.Plan(scenario, new DatasetLocator([root.Path], searchSystemFolders: false), CifarRecords);
    }

    [Test]
    public void Plan_GivesEvenWorkersCifarAndOddWorkersMnist_InOneShape()
    {
        using var root = new TemporaryDirectory();

        var plan = Plan(root);

        var mnist = MnistJsonReader.ReadAll(Path.Combine(root.Path, "mnist-json"));
        var cifarLabels = Enumerable.Range(0, 5).SelectMany(f => Enumerable.Range(0, CifarRecords).Select(r => (f + r) % 10));
        var mnistLabels = MnistJsonReader.Split(mnist, DatasetSplit.Train).Labels!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(mnist.Count, Is.EqualTo(10 * DigitsPerClass));
            Assert.That(plan.WorkerData.Select(w => w.Count), Is.EqualTo(new[] { 5 * CifarRecords, 24 }));
            Assert.That(plan.WorkerData.Select(w => w.SampleShape), Has.All.EqualTo(new[] { 3072 }));
            Assert.That(plan.WorkerData[0].Labels, Is.EquivalentTo(cifarLabels));
            Assert.That(plan.WorkerData[1].Labels, Is.EquivalentTo(mnistLabels));
            Assert.That(plan.TestData!.Count, Is.EqualTo(CifarRecords + 6), "the union of both test sets");
            Assert.That(plan.TestData.ClassCount, Is.EqualTo(10));
        }
    }

    [Test]
    public void Plan_TestSet_IsCifarsTestBatchThenTheMnistTestDigits_PixelForPixel_EachWithItsOwnNormalisation()
    {
        using var root = new TemporaryDirectory();

        var test = Plan(root).TestData!;

        var digits = MnistJsonReader.Split(MnistJsonReader.ReadAll(Path.Combine(root.Path, "mnist-json")), DatasetSplit.Test);
        double[] mean = [0.4914, 0.4822, 0.4465];
        double[] std = [0.2023, 0.1994, 0.2010];
        var mismatches = new List<string>();
        for (var r = 0; r < CifarRecords; r++)
        {
            for (var i = 0; i < 3072; i++)
            {
                var expected = ((CifarTestData.Pixel(5, r, i) / 255.0) - mean[i / 1024]) / std[i / 1024];
                if (test.Row(r)[i] != expected)
                {
                    mismatches.Add($"CIFAR test record {r}, value {i}: {test.Row(r)[i]}, expected {expected}");
                }
            }
        }

        for (var d = 0; d < digits.Count; d++)
        {
            var row = test.Row(CifarRecords + d);
            for (var i = 0; i < 3072; i++)
            {
                var (y, x) = (i % 1024 / 32, i % 32);
                var grey = y is >= 2 and < 30 && x is >= 2 and < 30 ? digits.Row(d)[((y - 2) * 28) + x - 2] : 0.0;
                var expected = (grey - 0.1307) / 0.3081;
                if (row[i] != expected)
                {
                    mismatches.Add($"MNIST test digit {d}, channel {i / 1024}, ({y}, {x}): {row[i]}, expected {expected}");
                }
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(mismatches, Is.Empty);
            Assert.That(test.Labels![..CifarRecords], Is.EqualTo(new[] { 5, 6, 7, 8 }));
            Assert.That(test.Labels![CifarRecords..], Is.EqualTo(digits.Labels));
        }
    }

    [Test]
    public void Run_TrainsAnMlpOnTheMix_ThroughTheDriver()
    {
        using var root = new TemporaryDirectory();
        var plan = Plan(root);

        var results = ExperimentDriver.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Label), Is.EqualTo(new[] { "SGD", "SASG" }));
            Assert.That(results.Select(r => r.Final.Iteration), Has.All.EqualTo(4));
            Assert.That(results.Select(r => r.Final.TestLoss), Has.All.Matches<double>(double.IsFinite));
            Assert.That(results[0].UploadBytes, Is.EqualTo(4L * 2 * 4 * ((3072 * 8) + 8 + (8 * 10) + 10)), "SGD: dense float32 uploads");
            Assert.That(results[1].UploadBytes, Is.LessThan(results[0].UploadBytes));
        }
    }

    [Test]
    public void Plan_WhenACifarFileIsShort_StopsWithOneLineNamingIt()
    {
        using var root = new TemporaryDirectory();
        CifarTestData.WriteCifar10(root.Path, CifarRecords);
        CifarTestData.WriteMnistJson(root.Path, DigitsPerClass);
        var batch = Path.Combine(root.Path, "cifar-10-batches-bin", "data_batch_5.bin");
        File.WriteAllBytes(batch, File.ReadAllBytes(batch)[..3073]);
        var scenario = ScenarioLoader.Parse(Json, "tiny.json", root.Path);

        var error = Assert.Throws<DataFormatException>(
            () => ScenarioPlanner.Plan(scenario, new DatasetLocator([root.Path], searchSystemFolders: false), CifarRecords))!;

        Assert.That(error.Message, Is.EqualTo($"{batch}: holds 1 records of 3,073 bytes (3,073 bytes), CIFAR-10's binary version holds 4 (12,292 bytes)"));
    }

    [TestCase("fine", 100)]
    [TestCase("coarse", 20)]
    public void Plan_MnistBesideCifar100_GivesTheUnionAndTheModelCifar100sClassCount(string labels, int classes)
    {
        using var root = new TemporaryDirectory();
        CifarTestData.WriteCifar100(root.Path, 25);
        CifarTestData.WriteMnistJson(root.Path, DigitsPerClass);
        var json = Json.Replace("\"sources\": [\"cifar10\", \"mnist-json\"]", $"\"sources\": [\"mnist-json\", \"cifar100\"], \"labels\": \"{labels}\"", StringComparison.Ordinal);
        var scenario = ScenarioLoader.Parse(json, "tiny.json", root.Path);

        var plan = ScenarioPlanner.Plan(scenario, new DatasetLocator([root.Path], searchSystemFolders: false), 25);

        using var model = plan.CreateModel();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.WorkerData.Select(w => w.ClassCount), Is.EqualTo(new[] { 10, classes }));
            Assert.That(plan.TestData!.Count, Is.EqualTo(6 + 25));
            Assert.That(plan.TestData.ClassCount, Is.EqualTo(classes));
            Assert.That(plan.TestData.Labels![6..], Is.EqualTo(Enumerable.Range(0, 25).Select(r => labels == "fine" ? ((5 * r) + 3) % 100 : r % 20)));
            Assert.That(model.parameters().Last().shape, Is.EqualTo(new long[] { classes }), "the output layer's bias");
        }
    }
}
