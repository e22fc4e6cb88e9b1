using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Tests.Driver;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Results;

[NonParallelizable]
public sealed class RunCheckpointsTests
{
    [Test]
    public void Observe_WhenTheFolderCannotBeWritten_KeepsTheReason_AndTheRunGoesOn()
    {
        using var folder = new TemporaryDirectory();
        var gone = Path.Combine(folder.Path, "gone");
        var plan = TinyPlans.Stochastic("SGD");
        var recorder = new RunRecorder(plan);
        var checkpoints = new RunCheckpoints(gone, plan, recorder, "{}", TimeSpan.Zero);
        File.WriteAllText(gone, "a file where the results folder was");

        var results = ExperimentDriver.Run(plan, progress: _ => checkpoints.Observe(), recorder: recorder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Single().Iterations, Is.EqualTo(plan.Iterations), "the run finished");
            Assert.That(checkpoints.LastFailure, Is.Not.Null);
            Assert.That(checkpoints.Written, Is.Zero);
        }
    }

    [Test]
    public void Observe_WhileTheRunGoes_LeavesAFolderSayingIncompleteAndHowFar()
    {
        using var folder = new TemporaryDirectory();
        var plan = TinyPlans.Stochastic("SGD", "SASG");
        var recorder = new RunRecorder(plan);
        var checkpoints = new RunCheckpoints(folder.Path, plan, recorder, "{}", TimeSpan.Zero);
        JObject? seen = null;
        string[]? decisions = null;

        ExperimentDriver.Run(
            plan,
            progress: p =>
            {
                if (p is { Algorithm: "SASG", Iteration: 10 })
                {
                    seen = JObject.Parse(File.ReadAllText(Path.Combine(folder.Path, "summary.json")));
                    decisions = File.ReadAllLines(Path.Combine(folder.Path, "decisions.csv"));
                }

                checkpoints.Observe();
            },
            recorder: recorder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)seen!["status"], Is.EqualTo("incomplete"));
            Assert.That((string?)seen["error"], Is.EqualTo(RunCheckpoints.Unfinished));
            Assert.That(seen["completedIterations"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"SGD":25,"SASG":9}"""));
            Assert.That(decisions!.Count(l => l.StartsWith("SASG,", StringComparison.Ordinal)), Is.EqualTo(9 * plan.WorkerData.Count));
            Assert.That(checkpoints.Written, Is.EqualTo(2 * plan.Iterations));
        }
    }

    [Test]
    public void Observe_BeforeTheIntervalHasPassed_WritesNothing()
    {
        using var folder = new TemporaryDirectory();
        var plan = TinyPlans.Stochastic("SGD");
        var checkpoints = new RunCheckpoints(folder.Path, plan, new RunRecorder(plan), null, TimeSpan.FromDays(1));

        checkpoints.Observe();

        Assert.That((checkpoints.Written, Directory.GetFiles(folder.Path).Length), Is.EqualTo((0, 0)));
    }
}
