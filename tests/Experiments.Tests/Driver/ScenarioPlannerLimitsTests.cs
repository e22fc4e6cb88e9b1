using System.Globalization;
using System.Text;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Scenarios;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>Plans that cannot run (more workers than samples, a model beyond the parameter limit, more iterations than
/// an int holds) are one problem naming the field before anything large is allocated.</summary>
[NonParallelizable]
public sealed class ScenarioPlannerLimitsTests
{
    [Test]
    public void Plan_MoreWorkersThanSamples_NamesTheWorkersAndTheSampleCount()
    {
        using var folder = new TemporaryDirectory();
        var scenario = TableScenario(folder, rows: 5, features: 2, """ "workers": 9 """, """{ "kind": "linear" }""", """ "iterations": 3 """);

        var problem = Assert.Throws<ScenarioException>(() => ScenarioPlanner.Plan(scenario))!.Problems.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.JsonPath, Is.EqualTo("$.data.workers"));
            Assert.That(problem.Problem, Does.Contain("9 workers").And.Contain("5 samples"));
        }
    }

    [Test]
    public void Plan_ModelBeyondTheParameterLimit_NamesTheHiddenLayers()
    {
        using var folder = new TemporaryDirectory();
        var scenario = TableScenario(
            folder, rows: 4, features: 1000, """ "workers": 2, "labels": "class" """, """{ "kind": "mlp", "hidden": [10000, 9000] }""", """ "iterations": 3 """);

        var problem = Assert.Throws<ScenarioException>(() => ScenarioPlanner.Plan(scenario))!.Problems.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.JsonPath, Is.EqualTo("$.model.hidden"));
            Assert.That(problem.Problem, Does.Contain("1000 features").And.Contain("more than the 100,000,000 allowed"));
        }
    }

    [Test]
    public void Plan_EpochsBeyondAnIntOfIterations_NamesTheEpochs()
    {
        using var folder = new TemporaryDirectory();
        var scenario = TableScenario(folder, rows: 8, features: 2, """ "workers": 2 """, """{ "kind": "linear" }""", """ "epochs": 1e300 """);

        var problem = Assert.Throws<ScenarioException>(() => ScenarioPlanner.Plan(scenario))!.Problems.Single();

        Assert.That(problem.JsonPath, Is.EqualTo("$.training.epochs"));
    }

    private static Scenario TableScenario(TemporaryDirectory folder, int rows, int features, string data, string model, string training)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', Enumerable.Range(0, features).Select(j => $"x{j}").Append("y")));
        for (var i = 0; i < rows; i++)
        {
            csv.AppendLine(string.Join(',', Enumerable.Range(0, features + 1).Select(j => ((i + j) % 2).ToString(CultureInfo.InvariantCulture))));
        }

        folder.WriteFile("t.csv", csv.ToString());
        var path = folder.WriteFile("s.json", $$"""
            {
              "name": "t",
              "data": { "source": "csv", "path": "t.csv", {{data}} },
              "model": {{model}},
              "training": { {{training}}, "stepSize": 0.1 },
              "algorithms": [ { "name": "GD" } ]
            }
            """);
        return ScenarioLoader.Load(path);
    }
}
