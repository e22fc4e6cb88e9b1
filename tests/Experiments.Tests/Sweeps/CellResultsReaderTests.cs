using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Sweeps;
using Sasg.Experiments.Tests.Driver;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Sweeps;

[NonParallelizable]
public sealed class CellResultsReaderTests
{
    [Test]
    public void Read_GivesBackWhatTheRunWrote()
    {
        using var folder = new TemporaryDirectory();
        var plan = TinyPlans.Stochastic("SGD", "SASG");
        var results = ExperimentDriver.Run(plan);
        ResultsFolder.Write(folder.Path, plan, results);

        var read = CellResultsReader.Read(folder.Path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(read.Select(r => r.Label), Is.EqualTo(new[] { "SGD", "SASG" }));
            for (var i = 0; i < results.Count; i++)
            {
                Assert.That(read[i].Metrics, Is.EqualTo(results[i].Metrics), results[i].Label);
                Assert.That(read[i].Uploads, Is.EqualTo(results[i].Uploads), results[i].Label);
            }
        }
    }

    [Test]
    public void Read_ACellWrittenBeforeTheControlMessageColumns_ReadsItsTenColumnMetrics()
    {
        using var folder = new TemporaryDirectory();
        var plan = TinyPlans.Stochastic("SGD");
        var results = ExperimentDriver.Run(plan);
        ResultsFolder.Write(folder.Path, plan, results);
        var path = Path.Combine(folder.Path, "metrics.csv");
        var older = File.ReadAllLines(path).Select(l => string.Join(',', l.Split(',').Take(10)));
        File.WriteAllLines(path, older);

        var read = CellResultsReader.Read(folder.Path).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(read.Metrics.Select(m => m.TrainLoss), Is.EqualTo(results[0].Metrics.Select(m => m.TrainLoss)));
            Assert.That(read.Metrics.Select(m => m.CountedUploads), Is.EqualTo(results[0].Metrics.Select(m => m.Uploads)),
                "the code's count defaults to the uploads");
            Assert.That(read.Metrics.Select(m => m.Requests), Has.All.Zero);
        }
    }
}
