using Sasg.Experiments.Heterogeneity;
using Sasg.Experiments.Scenarios;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Heterogeneity;

[NonParallelizable]
public sealed class HeterogeneitySweepTests
{
    [Test]
    public void Run_OverTwoBases_WritesOneCsvRowPerValueAndSeed_AndThePlot()
    {
        using var folder = new TemporaryDirectory();

        var points = HeterogeneitySweep.Run(TinyHeterogeneity.Scenario(), HeterogeneityAxis.Base, [1.0, 1.5], [1]);
        var csv = HeterogeneityCsv.Write(HeterogeneityAxis.Base, points).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var png = HeterogeneityPlot.Write(folder.Path, "tiny", HeterogeneityAxis.Base, points);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(points.Select(p => p.Value), Is.EqualTo(new[] { 1.0, 1.5 }));
            Assert.That(points[0].Outcome.Prediction.Saving, Is.Zero, "base 1: uniform L_m");
            Assert.That(points[1].Outcome.Prediction.Saving, Is.GreaterThan(0), "base 1.5: M L_1 / L = 0.05 < sqrt(0.1)");
            Assert.That(csv[0], Is.EqualTo(string.Join(',', HeterogeneityCsv.Columns)));
            Assert.That(csv, Has.Length.EqualTo(3));
            Assert.That(csv[1], Does.StartWith("base,1,1,9,0,1,"));
            Assert.That(csv[2], Does.StartWith("base,1.5,1,9,"));
            Assert.That(new FileInfo(png).Length, Is.GreaterThan(1000));
            Assert.That(File.Exists(Path.ChangeExtension(png, ".svg")), Is.True);
        }
    }

    [Test]
    public void Run_OverBasesOnLagUci_IsRejectedNamingTheSource()
    {
        var scenario = ScenarioLoader.Load(RepositoryPaths.InRoot("scenarios", "lag-uci-linear.json"));

        var problem = Assert.Throws<ScenarioException>(() => HeterogeneitySweep.Run(scenario, HeterogeneityAxis.Base, [1.0], [1]))!.Problems.Single();

        Assert.That(problem.JsonPath, Is.EqualTo("$.data.source"));
    }

    [Test]
    public void Run_OverWorkersOnLagUciThatDoNotDivideOverTheSets_IsRejectedBeforeAnyRun()
    {
        var scenario = ScenarioLoader.Load(RepositoryPaths.InRoot("scenarios", "lag-uci-linear.json"));

        var problem = Assert.Throws<ScenarioException>(() => HeterogeneitySweep.Run(scenario, HeterogeneityAxis.Workers, [3, 4], [1]))!.Problems.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.JsonPath, Is.EqualTo("$.data.workers"));
            Assert.That(problem.Problem, Does.Contain("3 sets"));
        }
    }

    [Test]
    public void WithWorkers_OnLagUci_ChangesTheWorkersPerSet()
    {
        var scenario = ScenarioLoader.Load(RepositoryPaths.InRoot("scenarios", "lag-uci-linear.json"));

        var six = HeterogeneityScenarios.WithWorkers(scenario, 6);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(six.Data.Workers, Is.EqualTo(6));
            Assert.That(six.Data.Uci!.WorkersPerSet, Is.EqualTo(2));
        }
    }

    [Test]
    public void WithBase_WithANonPositiveBase_IsRejectedByTheLoaderNamingTheBase()
    {
        var problem = Assert.Throws<ScenarioException>(() => HeterogeneityScenarios.WithBase(TinyHeterogeneity.Scenario(), 0))!.Problems.Single();

        Assert.That(problem.JsonPath, Is.EqualTo("$.data.base"));
    }
}
