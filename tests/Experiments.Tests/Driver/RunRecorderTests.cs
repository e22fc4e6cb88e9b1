using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Tests.Driver;

[NonParallelizable]
public sealed class RunRecorderTests
{
    [Test]
    public void Run_WhenAMethodThrowsAtIterationK_TheRecorderHoldsItsRowsBeforeK_AndNamesTheFailure()
    {
        var plan = TinyPlans.Stochastic("SGD", "SASG");
        var recorder = new RunRecorder(plan);
        var boom = new InvalidOperationException("boom");

        var thrown = Assert.Throws<InvalidOperationException>(() => ExperimentDriver.Run(
            plan, progress: p => ThrowAt(p, "SASG", 8, boom), recorder: recorder));

        var snapshot = recorder.Snapshot();
        var sasg = snapshot.Single(r => r.Label == "SASG");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(thrown, Is.SameAs(boom));
            Assert.That(recorder.Failure, Is.EqualTo(("SASG", 8, (Exception)boom)));
            Assert.That(recorder.CompletedIterations, Is.EqualTo(new[] { ("SGD", 25), ("SASG", 8) }));
            Assert.That(snapshot.Single(r => r.Label == "SGD").StopReason, Is.EqualTo("iterations"), "the finished method is whole");
            Assert.That(sasg.StopReason, Is.EqualTo("failed"));
            Assert.That(sasg.Message, Is.EqualTo("SASG failed at iteration 8: boom"));
            Assert.That(sasg.Iterations, Is.EqualTo(8));
            Assert.That(sasg.Decisions.Select(d => d.Iteration).Distinct(), Is.EqualTo(Enumerable.Range(0, 8)));
            Assert.That(sasg.Decisions, Has.Count.EqualTo(8 * plan.WorkerData.Count));
            Assert.That(sasg.Metrics.Select(m => m.Iteration), Is.EqualTo(new[] { 0, 5 }));
        }
    }

    [Test]
    public void Run_WhenAMethodFailsBesideAnother_TheOtherIsUnfinished_AndTheFailureIsTheError()
    {
        var plan = TinyPlans.Stochastic("SGD", "SASG") with { Iterations = 200_000 };
        var recorder = new RunRecorder(plan);

        Assert.Throws<InvalidOperationException>(() => ExperimentDriver.Run(
            plan, progress: p => ThrowAt(p, "SGD", 3, new InvalidOperationException("broken")), parallelMethods: 2, recorder: recorder));

        var sasg = recorder.Snapshot().Single(r => r.Label == "SASG");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(recorder.Failure?.Label, Is.EqualTo("SGD"));
            Assert.That(recorder.Failure?.Iteration, Is.EqualTo(3));
            Assert.That(sasg.StopReason, Is.EqualTo("unfinished"));
            Assert.That(sasg.Message, Is.Empty);
            Assert.That(sasg.Iterations, Is.LessThan(plan.Iterations));
            Assert.That(sasg.Decisions, Has.Count.EqualTo(sasg.Iterations * plan.WorkerData.Count), "whole iterations only");
        }
    }

    [Test]
    public void Snapshot_AfterARunThatFinished_IsTheRunsResults()
    {
        var plan = TinyPlans.Stochastic("SGD", "Top-k");
        var recorder = new RunRecorder(plan);

        var results = ExperimentDriver.Run(plan, recorder: recorder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(recorder.Snapshot(), Is.EqualTo(results));
            Assert.That(recorder.Failure, Is.Null);
        }
    }

    [Test]
    public void Run_WithARecorderForAnotherPlan_Throws()
    {
        var recorder = new RunRecorder(TinyPlans.Stochastic("SGD"));

        Assert.That(
            () => ExperimentDriver.Run(TinyPlans.Stochastic("SGD", "SASG"), recorder: recorder),
            Throws.ArgumentException.With.Message.Contains("another plan"));
    }

    private static void ThrowAt(RunProgress progress, string method, int iteration, Exception error)
    {
        if (progress.Algorithm == method && progress.Iteration == iteration)
        {
            throw error;
        }
    }
}
