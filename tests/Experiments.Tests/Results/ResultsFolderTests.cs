using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Tests.Driver;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Results;

[NonParallelizable]
public sealed class ResultsFolderTests
{
    [Test]
    public void Write_ProducesEveryFile_WithStableInvariantColumns()
    {
        var plan = TinyPlans.Stochastic("SGD", "SASG") with { TargetAccuracy = 0.01 };
        var results = ExperimentDriver.Run(plan);
        using var folder = new TemporaryDirectory();

        ResultsFolder.Write(folder.Path, plan, results, resolvedScenarioJson: "{}");

        var metrics = File.ReadAllLines(Path.Combine(folder.Path, "metrics.csv"));
        var decisions = File.ReadAllLines(Path.Combine(folder.Path, "decisions.csv"));
        var report = File.ReadAllText(Path.Combine(folder.Path, "report.md"));
        var summary = File.ReadAllText(Path.Combine(folder.Path, "summary.json"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(metrics[0], Is.EqualTo(
                "algorithm,iteration,uploads,upload_bytes,paper_bits,simulated_seconds,train_loss,test_loss,test_accuracy,objective_error,"
                + "counted_uploads,requests,request_bytes,skip_notices,skip_notice_bytes"));
            Assert.That(metrics, Has.Length.EqualTo(1 + results.Sum(r => r.Metrics.Count)));
            Assert.That(decisions[0], Is.EqualTo("algorithm,iteration,worker,decision,bytes,compute_ns,requested"));
            Assert.That(decisions, Has.Length.EqualTo(1 + results.Sum(r => r.Decisions.Count)));
            Assert.That(report, Does.Contain("| SGD |").And.Contain("| SASG |").And.Contain("rounds to target"));
            Assert.That(summary, Does.Contain("\"label\": \"SASG\"").And.Contain("\"toTarget\"").And.Contain("\"skipNotices\": "));
            Assert.That(report, Does.Contain("requests (bytes)").And.Contain("skip notices (bytes)"));
            Assert.That(File.Exists(Path.Combine(folder.Path, "scenario.json")), Is.True);
            Assert.That(Directory.GetFiles(folder.Path, "*.tmp-*"), Is.Empty, "no temporary files left behind");
        }
    }

    [Test]
    public void Summary_StartsWithTheVersionCommitAndTreeStateOfTheBuildThatWroteIt()
    {
        var plan = TinyPlans.Stochastic("SGD");

        var summary = Newtonsoft.Json.Linq.JObject.Parse(ResultsFolder.Summary(plan, ExperimentDriver.Run(plan)));

        var sasg = (Newtonsoft.Json.Linq.JObject)summary.Properties().First().Value;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.Properties().First().Name, Is.EqualTo("sasg"));
            Assert.That((string?)sasg["version"], Is.EqualTo(BuildInfo.Current.Version).And.Match(@"^\d+\.\d+\.\d+"));
            Assert.That((string?)sasg["commit"], Is.EqualTo(BuildInfo.Current.Commit).And.Match("^([0-9a-f]{40}|unknown)$"));
            Assert.That(sasg["treeDirty"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(BuildInfo.Current.TreeDirty == "unknown" ? "null" : BuildInfo.Current.TreeDirty));
        }
    }

    [Test]
    public void Write_OfAPlanWithoutPartitionReport_WritesPartitionCsvFromEachWorkersData()
    {
        var plan = TinyPlans.Stochastic("SGD");
        using var folder = new TemporaryDirectory();

        ResultsFolder.Write(folder.Path, plan, ExperimentDriver.Run(plan));

        var lines = File.ReadAllLines(Path.Combine(folder.Path, "partition.csv"));
        var counts = lines.Skip(1).Select(l => l.Split(',')).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.PartitionCsv, Is.Empty);
            Assert.That(lines[0], Is.EqualTo("worker,source,samples,label_0,label_1,label_2"));
            Assert.That(counts.Select(c => (c[0], c[1], c[2])), Is.EqualTo(new[] { ("0", "w0", "30"), ("1", "w1", "30"), ("2", "w2", "30"), ("3", "w3", "30") }));
            Assert.That(counts.Select(c => c.Skip(3).Sum(int.Parse)), Is.All.EqualTo(30), "every sample in one class column");
            Assert.That(counts[0].Skip(3).Select(int.Parse), Is.EqualTo(new[] { 0, 1, 2 }.Select(k => plan.WorkerData[0].Labels!.Count(l => l == k))));
        }
    }

    [Test]
    public void WriteIncomplete_WritesTheRowsSoFar_AndASummarySayingIncompleteWhereAndWhy()
    {
        var plan = TinyPlans.Stochastic("SGD", "SASG");
        var recorder = new RunRecorder(plan);
        Assert.Throws<InvalidOperationException>(() => ExperimentDriver.Run(
            plan,
            progress: p =>
            {
                if (p is { Algorithm: "SASG", Iteration: 6 })
                {
                    throw new InvalidOperationException("boom");
                }
            },
            recorder: recorder));
        using var folder = new TemporaryDirectory();

        ResultsFolder.WriteIncomplete(folder.Path, plan, recorder.Snapshot(), recorder.CompletedIterations, "SASG failed at iteration 6: boom");

        var summary = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(folder.Path, "summary.json")));
        var decisions = File.ReadAllLines(Path.Combine(folder.Path, "decisions.csv")).Skip(1).Where(l => l.StartsWith("SASG,", StringComparison.Ordinal));
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)summary["status"], Is.EqualTo("incomplete"));
            Assert.That((string?)summary["error"], Is.EqualTo("SASG failed at iteration 6: boom"));
            Assert.That((int?)summary["completedIterations"]!["SGD"], Is.EqualTo(25));
            Assert.That((int?)summary["completedIterations"]!["SASG"], Is.EqualTo(6));
            Assert.That(summary["algorithms"]!.Select(a => (string?)a["stopReason"]), Is.EqualTo(new[] { "iterations", "failed" }));
            Assert.That(decisions.Select(l => int.Parse(l.Split(',')[1])).Max(), Is.EqualTo(5));
            Assert.That(File.ReadAllText(Path.Combine(folder.Path, "report.md")), Does.Contain("**Incomplete**: SASG failed at iteration 6: boom"));
            Assert.That(File.Exists(Path.Combine(folder.Path, "partition.csv")), Is.True);
        }
    }

    [Test]
    public void Metrics_WriteNaNAndRoundTripDoubles_InInvariantCulture()
    {
        var row = new MetricsRow("A,B", 1, 2, 3, 4, 0.1, double.NaN, 1.0 / 3, 0.5, double.NaN, 3, 5, 320, 7, 7);

        var csv = CsvTables.Metrics([row]).Split('\n');

        Assert.That(csv[1], Is.EqualTo("\"A,B\",1,2,3,4,0.1,NaN,0.3333333333333333,0.5,NaN,3,5,320,7,7"));
    }
}
