using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;
using Sasg.Experiments.Tests.Driver;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Results;

public sealed class DecisionFilesTests
{
    // The tiny plan has 1 method and 4 workers: 250,000 iterations plan exactly 1,000,000 decisions.
    [TestCase(DecisionsFormat.Auto, 25, true, false)]
    [TestCase(DecisionsFormat.Auto, 250_000, true, false)]
    [TestCase(DecisionsFormat.Auto, 250_001, false, true)]
    [TestCase(DecisionsFormat.Csv, 250_001, true, false)]
    [TestCase(DecisionsFormat.Parquet, 25, false, true)]
    [TestCase(DecisionsFormat.Both, 25, true, true)]
    public void Choose_FollowsTheFormat_AndAutoThePlannedDecisions(DecisionsFormat format, int iterations, bool csv, bool parquet)
    {
        var plan = TinyPlans.Stochastic("SGD") with { Decisions = format, Iterations = iterations };

        Assert.That(DecisionFiles.Choose(plan), Is.EqualTo((csv, parquet)));
    }

    [TestCase(DecisionsFormat.Csv, true, false)]
    [TestCase(DecisionsFormat.Parquet, false, true)]
    [TestCase(DecisionsFormat.Both, true, true)]
    public void Write_WritesTheChosenFiles(DecisionsFormat format, bool csv, bool parquet)
    {
        using var folder = new TemporaryDirectory();
        var plan = TinyPlans.Stochastic("SGD") with { Decisions = format, Iterations = 3 };

        DecisionFiles.Write(folder.Path, plan, ExperimentDriver.Run(plan), scenarioJson: null);

        Assert.That(
            (File.Exists(Path.Combine(folder.Path, "decisions.csv")), File.Exists(Path.Combine(folder.Path, "decisions.parquet"))),
            Is.EqualTo((csv, parquet)));
    }

    [Test]
    public void Write_Parquet_RemovesAnEarlierCsv_AndReadGivesTheSameRows()
    {
        using var folder = new TemporaryDirectory();
        var plan = TinyPlans.Stochastic("SGD");
        var results = ExperimentDriver.Run(plan);
        DecisionFiles.Write(folder.Path, plan, results, scenarioJson: null);
        var fromCsv = DecisionFiles.Read(folder.Path);

        DecisionFiles.Write(folder.Path, plan with { Decisions = DecisionsFormat.Parquet }, results, scenarioJson: null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.Exists(Path.Combine(folder.Path, "decisions.csv")), Is.False);
            Assert.That(DecisionFiles.Read(folder.Path), Is.EqualTo(fromCsv));
        }
    }
}
