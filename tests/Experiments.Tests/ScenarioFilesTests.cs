using Sasg.Experiments.Driver;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests;

/// <summary>Every file in scenarios/ loads and runs at tiny scale (a few iterations, a few hundred samples).</summary>
[NonParallelizable]
public sealed class ScenarioFilesTests
{
    // The search order of `sasg run` from the checkout, wherever the test binaries were built (--artifacts-path).
    private static readonly DatasetLocator Locator = DatasetLocator.ForEnvironment(
        Environment.GetEnvironmentVariable(DatasetLocator.EnvironmentVariable), RepositoryPaths.Root, RepositoryPaths.Root);

    private static IEnumerable<string> Files() =>
        Directory.GetFiles(RepositoryPaths.InRoot("scenarios"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(Files))]
    public void Scenario_LoadsAndRunsAtTinyScale(string file)
    {
        var loaded = ScenarioLoader.Load(RepositoryPaths.InRoot("scenarios", file));
        var scenario = loaded.Sweep is null ? loaded : loaded.Expand().First();
        using var generated = new TemporaryDirectory();
        var (locator, cifarRecords) = scenario.Data.Images is { HasCifar: true } ? (Generated(generated.Path), CifarRecords) : (Locator, (int?)null);
        if (cifarRecords is null)
        {
            RequireData(scenario);
        }

        // A ResNet18 step takes about a second on these machines: a CIFAR scenario runs with 2 workers for 1 iteration.
        var tiny = cifarRecords is null ? Shrink(scenario) : ShrinkForResNet(scenario);
        var plan = ScenarioPlanner.Plan(tiny, locator, cifarRecords) with { Iterations = cifarRecords is null ? 3 : 1, EvaluateEvery = 1 };
        var results = ExperimentDriver.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Label), Is.EqualTo(scenario.Algorithms.Select(a => a.Label)));
            Assert.That(results.Select(r => r.Decisions.Count), Has.All.Positive);
            Assert.That(results.Select(r => r.Diverged), Has.All.False);
        }
    }

    // CIFAR is in no registry these machines reach: a scenario that reads it runs on files written here in its exact
    // format (CifarTestData), CifarRecords records per file, with generated MNIST digits beside them for a mix.
    private const int CifarRecords = 500;

    private static DatasetLocator Generated(string root)
    {
        CifarTestData.WriteCifar10(root, CifarRecords);
        CifarTestData.WriteCifar100(root, CifarRecords);
        CifarTestData.WriteMnistJson(root, 50);
        return new DatasetLocator([root], searchSystemFolders: false);
    }

    private static Scenario ShrinkForResNet(Scenario scenario)
    {
        var data = scenario.Data with { Workers = 2 };
        return scenario with
        {
            Data = data with { Images = data.Images! with { TrainSamples = 40, TestSamples = 20 } },
            Compute = scenario.Compute with { Speed = [.. scenario.Compute.Speed.Take(2)] },
        };
    }

    private static Scenario Shrink(Scenario scenario)
    {
        var data = scenario.Data;
        if (data.Images is { } images)
        {
            data = data with { Images = images with { TrainSamples = 40 * data.Workers, TestSamples = 100 } };
        }

        return scenario with { Data = data };
    }

    private static void RequireData(Scenario scenario)
    {
        var needed = new List<DatasetInfo>();
        if (scenario.Data.Images is { } images)
        {
            needed.AddRange(images.Sources.Select(s => s == DataSource.FashionMnist ? KnownDatasets.FashionMnist : KnownDatasets.MnistJson));
        }

        // The LAG sets ship in data/lag-uci, so a scenario that reads them always runs (and fails if they are gone).
        foreach (var dataset in needed.Where(d => !Locator.TryLocate(d, out _)))
        {
            Assert.Ignore($"Dataset '{dataset.Name}' is not installed here ({dataset.InstallHint}).");
        }
    }
}
