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
    public void Metrics_WriteNaNAndRoundTripDoubles_InInvariantCulture()
    {
        var row = new MetricsRow("A,B", 1, 2, 3, 4, 0.1, double.NaN, 1.0 / 3, 0.5, double.NaN, 3, 5, 320, 7, 7);

        var csv = CsvTables.Metrics([row]).Split('\n');

        Assert.That(csv[1], Is.EqualTo("\"A,B\",1,2,3,4,0.1,NaN,0.3333333333333333,0.5,NaN,3,5,320,7,7"));
    }
}
