using Newtonsoft.Json.Linq;
using Sasg.Experiments.Heterogeneity;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Tests.Heterogeneity;

[NonParallelizable]
public sealed class HeterogeneityReportTests
{
    [Test]
    public void Run_OnTheIncreasingSyntheticSetWithTwoSeeds_MeasuresLagWkBelowGd()
    {
        var outcome = HeterogeneityReport.Run(TinyHeterogeneity.Scenario(), [1, 2]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Seeds.Select(s => s.Seed), Is.EqualTo(new long[] { 1, 2 }));
            Assert.That(outcome.Seeds.Select(s => s.Gd.Label + "," + s.LagWk.Label + "," + s.LagPs.Label), Is.All.EqualTo("GD,LAG-WK,LAG-PS"));
            Assert.That(outcome.Seeds.Select(s => s.Gd.Uploads), Is.All.Not.Null, "GD reaches 1e-4 within 300 iterations");
            Assert.That(outcome.Seeds.Select(s => s.Gd.Uploads!.Value % 9), Is.All.Zero, "GD uploads M per iteration");
            Assert.That(outcome.Seeds.Select(s => s.LagWkRatio), Is.All.LessThan(1));
            Assert.That(outcome.Seeds.Select(s => s.Prediction.Saving), Is.All.Zero, "xi_d = 1/D: no worker has M H(m) <= 0.316");
            Assert.That(
                outcome.Seeds.Select(s => s.LagWkVerdict), Is.All.EqualTo(BoundVerdict.Outside), "alpha = 1/L with sum xi = 1 is outside");
            Assert.That(outcome.Target, Is.EqualTo("|f - f*| < 0.0001"));
        }
    }

    [Test]
    public void Run_WithANonConvexModel_IsRejectedNamingTheModelKind()
    {
        var scenario = TinyHeterogeneity.NonConvex();

        var problem = Assert.Throws<ScenarioException>(() => HeterogeneityReport.Run(scenario, [1]))!.Problems.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.JsonPath, Is.EqualTo("$.model.kind"));
            Assert.That(problem.Problem, Does.Contain("'mlp'"));
            Assert.That(problem.ToString(), Does.StartWith("mlp.json: $.model.kind: "));
        }
    }

    [Test]
    public void Run_WithoutAStopTarget_IsRejectedNamingStop()
    {
        var json = TinyHeterogeneity.Json();
        json.Remove("stop");

        var problem = Assert.Throws<ScenarioException>(() => HeterogeneityReport.Run(TinyHeterogeneity.Scenario(json), [1]))!.Problems.Single();

        Assert.That(problem.JsonPath, Is.EqualTo("$.stop"));
    }

    [Test]
    public void ForSeed_ReplacesTheMethodsKeepingOnlyTheLagTriggerParameters()
    {
        var json = TinyHeterogeneity.Json();
        json["algorithms"] = JArray.Parse("""
            [ { "name": "Cyc-IAG" },
              { "name": "LAG-WK", "label": "wk", "parameters": { "xi": 0.04, "window": 5, "codeFaithful": true } } ]
            """);

        var cell = HeterogeneityScenarios.ForSeed(TinyHeterogeneity.Scenario(json), 7);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cell.Seed, Is.EqualTo(7));
            Assert.That(cell.Algorithms.Select(a => a.Label), Is.EqualTo(new[] { "GD", "LAG-WK", "LAG-PS" }));
            Assert.That(cell.Algorithms[1].Parameters.Keys, Is.EquivalentTo(new[] { "xi", "window" }));
            Assert.That(cell.Algorithms[2].Parameters, Is.Empty);
            Assert.That(HeterogeneityScenarios.Xi(cell, "LAG-WK"), Is.EqualTo(new[] { 0.04, 0.04, 0.04, 0.04, 0.04 }));
            Assert.That(HeterogeneityScenarios.Xi(cell, "LAG-PS"), Is.EqualTo(Enumerable.Repeat(1.0, 10)));
        }
    }

    [Test]
    public void ForSeed_WithinTheTheorem_GivesBothLagMethodsTheWithinWeightsOverTheScenariosWindow()
    {
        var json = TinyHeterogeneity.Json();
        json["algorithms"] = JArray.Parse("""[ { "name": "LAG-WK", "parameters": { "xi": 0.4, "window": 5, "codeFaithful": true } } ]""");

        var cell = HeterogeneityScenarios.ForSeed(TinyHeterogeneity.Scenario(json), 3, withinTheorem: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(HeterogeneityScenarios.Xi(cell, "LAG-WK"), Is.EqualTo(Enumerable.Repeat(0.1, 5)));
            Assert.That(HeterogeneityScenarios.Xi(cell, "LAG-PS"), Is.EqualTo(Enumerable.Repeat(0.1, 5)));
            Assert.That(cell.Algorithms[1].Parameters.Keys, Is.EquivalentTo(new[] { "xi", "window" }));
        }
    }

    [Test]
    public void Run_WithinTheTheorem_RunsAllThreeAtTheLargestStepWithTheWithinWeightsAndJudgesEveryRow()
    {
        var json = TinyHeterogeneity.Json();
        json["training"]!["iterations"] = 600;

        var outcome = HeterogeneityReport.Run(TinyHeterogeneity.Scenario(json), [1], withinTheorem: true);

        var row = outcome.Seeds[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.Prediction.LagWk.StepSize * row.Prediction.LagWk.TotalSmoothness, Is.EqualTo(0.5).Within(1e-12));
            Assert.That(row.Prediction.LagWk.Xi, Is.EqualTo(Enumerable.Repeat(0.05, 10)));
            Assert.That(row.Prediction.LagPs.Xi, Is.EqualTo(Enumerable.Repeat(0.05, 10)));
            Assert.That(row.Prediction.LagWkCheck.IsInside && row.Prediction.LagPsCheck.IsInside, Is.True);
            Assert.That(row.Prediction.Saving, Is.GreaterThan(0), "base 1.3: worker 0 has M H(m) = 0.392 <= 0.447");
            Assert.That(row.Gd.Uploads, Is.Not.Null, "GD reaches 1e-4 within 600 iterations at alpha = 1/(2L)");
            Assert.That(new[] { row.LagWkVerdict, row.LagPsVerdict }, Is.All.AnyOf(BoundVerdict.Holds, BoundVerdict.Violated));
        }
    }

    [Test]
    public void Run_WithLagWkXiPointFour_PredictsTheWorkedExamplesSaving()
    {
        var json = TinyHeterogeneity.Json();
        json["algorithms"] = JArray.Parse("""[ { "name": "LAG-WK", "parameters": { "xi": 0.4 } } ]""");
        json["training"]!["iterations"] = 1;

        var outcome = HeterogeneityReport.Run(TinyHeterogeneity.Scenario(json), [1]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Prediction.Saving, Is.EqualTo(7.0 / 54).Within(1e-12));
            Assert.That(outcome.Prediction.Script.CodeSaving, Is.EqualTo(11.0 / 54).Within(1e-12));
            Assert.That(outcome.Seeds[0].LagWkVerdict, Is.EqualTo(BoundVerdict.Outside), "sum xi = 4 is outside");
            Assert.That(outcome.Seeds[0].LagWkRatio, Is.NaN, "one iteration cannot reach 1e-4");
        }
    }
}
