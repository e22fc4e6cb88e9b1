using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Tests.Driver;

[NonParallelizable]
public sealed class ExperimentDriverTests
{
    [Test]
    public void StochasticMethods_RunWithRealMinibatchGradients_AndRecordEveryDecision()
    {
        var results = ExperimentDriver.Run(TinyPlans.Stochastic("SGD", "Top-k", "LASG-WK2", "SASG"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Label), Is.EqualTo(new[] { "SGD", "Top-k", "LASG-WK2", "SASG" }));
            Assert.That(results.Select(r => r.Decisions.Count), Has.All.EqualTo(25 * 4));
            Assert.That(results[0].Uploads, Is.EqualTo(100));
            Assert.That(results[0].UploadBytes, Is.EqualTo(100L * 75 * 4), "dense float32 of 75 parameters");
            Assert.That(results[1].UploadBytes, Is.LessThan(results[0].UploadBytes), "top-k sends fewer bytes");
            Assert.That(results.Select(r => r.Metrics[0].Iteration), Has.All.Zero);
            Assert.That(results.Select(r => r.Metrics[^1].Iteration), Has.All.EqualTo(25));
            Assert.That(results.Select(r => r.Final.TestAccuracy), Has.All.InRange(0.0, 1.0));
            Assert.That(results.Select(r => r.SimulatedSeconds), Has.All.Positive);
        }
    }

    [Test]
    public void SameSeed_GivesIdenticalMetricsAndDecisions()
    {
        var first = ExperimentDriver.Run(TinyPlans.Stochastic("SASG"))[0];
        var second = ExperimentDriver.Run(TinyPlans.Stochastic("SASG"))[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Metrics, Is.EqualTo(first.Metrics));
            Assert.That(second.Decisions, Is.EqualTo(first.Decisions));
        }
    }

    [Test]
    public void HugeStepSize_StopsThatMethodAsDiverged_AndTheOthersStillRun()
    {
        var plan = TinyPlans.Stochastic("SGD", "Top-k") with { StepSize = 1e30 };

        var results = ExperimentDriver.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results, Has.Count.EqualTo(2));
            Assert.That(results[0].Diverged, Is.True);
            Assert.That(results[0].Message, Does.Contain("diverged").And.Contain("step size"));
            Assert.That(results[0].Iterations, Is.LessThan(25));
        }
    }

    [Test]
    public void DuplicateLabels_AreRejected()
    {
        var plan = TinyPlans.Stochastic("SGD", "sgd");

        Assert.That(() => ExperimentDriver.Run(plan), Throws.ArgumentException.With.Message.Contains("label"));
    }
}
