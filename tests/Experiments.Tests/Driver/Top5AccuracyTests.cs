using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Results.Plots;
using Sasg.Experiments.Scenarios;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>Top-5 accuracy: evaluated beside top-1 when the run asks for it, a stop target on either, and the files that
/// show it; runs that do not ask keep every file's bytes.</summary>
[NonParallelizable]
public sealed class Top5AccuracyTests
{
    [Test]
    public void Top5Target_StopsARun_ThatTheSameTop1TargetDoesNotStop()
    {
        // The tiny plan has 3 classes, so top-5 is top-3: every label, accuracy 1 from the first evaluation.
        var top1 = TinyPlans.Stochastic("SGD") with { TargetAccuracy = 1.0, ReportTop5 = true };
        var top5 = top1 with { TargetAccuracyMetric = AccuracyMetric.Top5 };

        var byTop1 = ExperimentDriver.Run(top1).Single();
        var byTop5 = ExperimentDriver.Run(top5).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(byTop5.StopReason, Is.EqualTo("accuracy"));
            Assert.That(byTop5.Iterations, Is.Zero);
            Assert.That(byTop1.StopReason, Is.EqualTo("iterations"));
            Assert.That(byTop1.Metrics.Select(m => m.TestAccuracy), Has.All.LessThan(1.0));
            Assert.That(byTop1.Metrics.Select(m => m.TestTop5Accuracy), Has.All.EqualTo(1.0));
            Assert.That(ReportTable.FirstAtTarget(top5, byTop1), Is.SameAs(byTop1.Metrics[0]));
            Assert.That(ReportTable.FirstAtTarget(top1, byTop1), Is.Null);
        }
    }

    [Test]
    public void Top5Target_OnTenClasses_StopsAtTheFirstEvaluationWhoseTop5ReachesIt()
    {
        var plan = TenClasses() with { ReportTop5 = true, StopAtTarget = false };
        var run = ExperimentDriver.Run(plan).Single();
        var values = run.Metrics.Select(m => m.TestTop5Accuracy).ToList();
        var target = values.Max();
        var stopping = plan with { TargetAccuracy = target, TargetAccuracyMetric = AccuracyMetric.Top5, StopAtTarget = true };

        var stopped = ExperimentDriver.Run(stopping).Single();

        var firstHit = run.Metrics.First(m => m.TestTop5Accuracy >= target);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(values, Has.Some.LessThan(1.0), "top-5 of 10 classes is not trivially 1");
            Assert.That(run.Metrics, Has.All.Matches<MetricsRow>(m => m.TestTop5Accuracy >= m.TestAccuracy));
            Assert.That(stopped.StopReason, Is.EqualTo("accuracy"));
            Assert.That(stopped.Iterations, Is.EqualTo(firstHit.Iteration));
            Assert.That(stopped.Metrics[^1], Is.EqualTo(firstHit));
        }
    }

    [Test]
    public void ResultsFolder_OfATop5Run_ShowsTop1AndTop5_InMetricsSummaryReportAndPlots()
    {
        var plan = TinyPlans.Stochastic("SGD") with { ReportTop5 = true, TargetAccuracy = 1.0, TargetAccuracyMetric = AccuracyMetric.Top5 };
        var results = ExperimentDriver.Run(plan);
        using var folder = new TemporaryDirectory();

        ResultsFolder.Write(folder.Path, plan, results, resolvedScenarioJson: "{}");
        var plots = PlotWriter.WriteAll(folder.Path);

        var metrics = File.ReadAllLines(Path.Combine(folder.Path, "metrics.csv"));
        var summary = JObject.Parse(File.ReadAllText(Path.Combine(folder.Path, "summary.json")));
        var report = File.ReadAllText(Path.Combine(folder.Path, "report.md"));
        var method = (JObject)summary["algorithms"]![0]!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(metrics[0], Is.EqualTo(MetricsCsv.Top5Header));
            Assert.That(metrics[1], Does.EndWith(",1"));
            Assert.That(MetricsCsv.Read(Path.Combine(folder.Path, "metrics.csv")), Is.EqualTo(results[0].Metrics), "read back as written");
            Assert.That(method.Properties().Select(p => p.Name), Does.Contain("finalTestAccuracy").And.Contain("finalTestTop5Accuracy"));
            Assert.That((double)method["finalTestTop5Accuracy"]!, Is.EqualTo(1.0));
            Assert.That(method["toTarget"]!.Type, Is.EqualTo(JTokenType.Object));
            Assert.That(report, Does.Contain("| final accuracy | final top-5 accuracy |"));
            Assert.That(report, Does.Contain("target: top-5 accuracy >= 1."));
            Assert.That(report.Split('\n').First(l => l.StartsWith("| SGD |", StringComparison.Ordinal)).Count(c => c == '|'),
                Is.EqualTo(report.Split('\n').First(l => l.StartsWith("|---", StringComparison.Ordinal)).Count(c => c == '|')));
            Assert.That(plots.Written.Select(Path.GetFileName), Does.Contain("top5-accuracy-vs-iterations.svg"));
        }
    }

    [Test]
    public void ResultsFolder_OfARunWithoutTop5_HasNoTop5ColumnKeyOrPlot()
    {
        var plan = TinyPlans.Stochastic("SGD");
        var results = ExperimentDriver.Run(plan);
        using var folder = new TemporaryDirectory();

        ResultsFolder.Write(folder.Path, plan, results, resolvedScenarioJson: "{}");
        var plots = PlotWriter.WriteAll(folder.Path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadLines(Path.Combine(folder.Path, "metrics.csv")).First(), Is.EqualTo(MetricsCsv.Header));
            Assert.That(results[0].Metrics.Select(m => m.TestTop5Accuracy), Has.All.NaN);
            Assert.That(File.ReadAllText(Path.Combine(folder.Path, "summary.json")), Does.Not.Contain("Top5"));
            Assert.That(File.ReadAllText(Path.Combine(folder.Path, "report.md")), Does.Not.Contain("top-5"));
            Assert.That(plots.Written.Concat(plots.Skipped.Select(s => s.Name)), Has.None.Contains("top5"));
        }
    }

    // The tiny plan's data with 10 classes (the label is a hash of the first features), an MLP with 10 outputs.
    private static RunPlan TenClasses()
    {
        var random = new Random(8);
        Sasg.Learning.Data.Dataset Make(string name, int count)
        {
            var features = Enumerable.Range(0, count * 8).Select(_ => random.NextDouble() - 0.5).ToArray();
            var labels = Enumerable.Range(0, count).Select(i => (int)Math.Floor((features[i * 8] + 0.5) * 10) % 10).ToArray();
            return new Sasg.Learning.Data.Dataset(name, count, [8], features, labels, 10, null);
        }

        return TinyPlans.Stochastic("SGD") with
        {
            WorkerData = [.. Enumerable.Range(0, 4).Select(m => Make($"w{m}", 30))],
            TestData = Make("test", 40),
            CreateModel = () => new Sasg.Learning.Models.Mlp([8, 6, 10]),
            StepSize = 0.2,
        };
    }
}
