using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>Methods simulated side by side give exactly what they give one after another.</summary>
[NonParallelizable]
public sealed class ParallelMethodsTests
{
    private static readonly string[] Methods = ["SGD", "Top-k", "LASG-WK2", "SASG"];

    [Test]
    public void RunningMethodsSideBySide_ChangesNoMetricNoDecisionAndNoTraceByte()
    {
        using var sequentialFolder = new TemporaryDirectory();
        using var parallelFolder = new TemporaryDirectory();

        var sequential = RunWithTraces(sequentialFolder.Path, parallelMethods: 1);
        var parallel = RunWithTraces(parallelFolder.Path, parallelMethods: 4);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parallel.Select(r => r.Label), Is.EqualTo(Methods), "results in the plan's order");
            for (var i = 0; i < Methods.Length; i++)
            {
                Assert.That(parallel[i].Metrics, Is.EqualTo(sequential[i].Metrics), Methods[i] + " metrics");
                Assert.That(parallel[i].Decisions, Is.EqualTo(sequential[i].Decisions), Methods[i] + " decisions");
                Assert.That(parallel[i].SimulatedSeconds, Is.EqualTo(sequential[i].SimulatedSeconds), Methods[i] + " time");
            }

            foreach (var file in new[] { RunTraces.CsvName, RunTraces.JsonName })
            {
                Assert.That(
                    File.ReadAllBytes(Path.Combine(parallelFolder.Path, file)),
                    Is.EqualTo(File.ReadAllBytes(Path.Combine(sequentialFolder.Path, file))),
                    file);
            }
        }
    }

    [Test]
    public void AMethodThatFails_StopsTheOthers_AndItsErrorIsTheOneReported()
    {
        var plan = TinyPlans.Stochastic("SGD") with { Iterations = 200_000 };
        plan = plan with
        {
            Algorithms =
            [
                .. plan.Algorithms,
                new AlgorithmSpec("Top-k", "broken", new Dictionary<string, object> { ["fraction"] = 2.0 }),
            ],
        };
        var furthest = 0;

        var error = Assert.Catch<ArgumentException>(() => ExperimentDriver.Run(
            plan, progress: p => Interlocked.Exchange(ref furthest, Math.Max(furthest, p.Iteration)), parallelMethods: 2));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Message, Does.Contain("fraction"));
            Assert.That(furthest, Is.LessThan(plan.Iterations), "SGD stopped instead of running its 200,000 iterations");
        }
    }

    [Test]
    public void Run_WithZeroParallelMethods_IsRefused() =>
        Assert.That(() => ExperimentDriver.Run(TinyPlans.Stochastic("SGD"), parallelMethods: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());

    private static IReadOnlyList<AlgorithmResult> RunWithTraces(string folder, int parallelMethods)
    {
        using var traces = RunTraces.Open(folder);
        var results = ExperimentDriver.Run(TinyPlans.Stochastic(Methods), traces.Begin, parallelMethods: parallelMethods);
        traces.Complete();
        return results;
    }
}
