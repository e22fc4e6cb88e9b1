using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>An accuracy target stops a run by default; with <c>atTarget: false</c> it only marks the first point
/// that reaches it.</summary>
[NonParallelizable]
public sealed class StopAtTargetTests
{
    [Test]
    public void ATargetThatStops_EndsTheRunEarly_AndOneThatDoesNot_RunsTheWholeLengthWithTheSameFirstHit()
    {
        var stopping = TinyPlans.Stochastic("SGD") with { TargetAccuracy = 0.2 };
        var reporting = stopping with { StopAtTarget = false };

        var stopped = ExperimentDriver.Run(stopping).Single();
        var full = ExperimentDriver.Run(reporting).Single();

        var stoppedHit = ReportTable.FirstAtTarget(stopping, stopped);
        var fullHit = ReportTable.FirstAtTarget(reporting, full);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stopped.StopReason, Is.EqualTo("accuracy"));
            Assert.That(stopped.Iterations, Is.LessThan(reporting.Iterations));
            Assert.That(full.StopReason, Is.EqualTo("iterations"));
            Assert.That(full.Iterations, Is.EqualTo(reporting.Iterations));
            Assert.That(fullHit, Is.Not.Null);
            Assert.That(fullHit, Is.EqualTo(stoppedHit), "the first point at the target is the same row either way");
        }
    }

    [Test]
    public void Scenario_AtTargetFalse_IsReadWrittenAndPlanned()
    {
        var scenario = ScenarioLoader.Parse(
            """
            { "name": "t", "data": { "source": "lag-synthetic", "workers": 3 }, "model": { "kind": "linear" },
              "training": { "iterations": 5, "stepSize": "1/L" }, "stop": { "targetLoss": 1.0, "atTarget": false },
              "algorithms": [ { "name": "GD" } ] }
            """,
            "t.json",
            null);

        var again = ScenarioLoader.Parse(scenario.ToResolvedJson(), "t.json", null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Stop.AtTarget, Is.False);
            Assert.That(again.Stop.AtTarget, Is.False, "scenario.json keeps it");
            Assert.That(ScenarioPlanner.Plan(scenario).StopAtTarget, Is.False);
        }
    }

    [Test]
    public void Scenario_AtTargetNotABoolean_IsReportedWithItsPath()
    {
        var problems = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(
            """
            { "name": "t", "data": { "source": "lag-synthetic", "workers": 3 }, "model": { "kind": "linear" },
              "training": { "iterations": 5, "stepSize": "1/L" }, "stop": { "targetLoss": 1.0, "atTarget": "no" },
              "algorithms": [ { "name": "GD" } ] }
            """,
            "t.json",
            null))!.Problems;

        Assert.That(problems.Select(p => p.ToString()), Has.Some.StartWith("t.json: $.stop.atTarget:"));
    }
}
