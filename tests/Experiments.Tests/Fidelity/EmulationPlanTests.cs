using Sasg.Experiments.Driver;
using Sasg.Experiments.Fidelity;

namespace Sasg.Experiments.Tests.Fidelity;

public sealed class EmulationPlanTests
{
    private static List<DecisionRow> Rows()
    {
        var rows = new List<DecisionRow>();
        for (var k = 0; k < 3; k++)
        {
            for (var w = 0; w < 4; w++)
            {
                rows.Add(new DecisionRow("Dense", k, w, "upload", 1000, 5, false));
                rows.Add(new DecisionRow("Lazy", k, w, w == k ? "skip" : "upload", w == k ? 0 : 200, 5, false));
            }
        }

        return rows;
    }

    [Test]
    public void Select_TakesIterationsRoundRobinAcrossAlgorithms_CutToMWorkers_SkipsAsMinusOne()
    {
        var plan = EmulationPlan.Select(Rows(), ["Dense", "Lazy"], 3, 2, _ => 1, long.MaxValue);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Select(p => (p.Algorithm, p.Iteration)), Is.EqualTo(new[] { ("Dense", 0), ("Lazy", 0), ("Dense", 1), ("Lazy", 1) }));
            Assert.That(plan[1].Sizes, Is.EqualTo(new long[] { -1, 200, 200 }));
            Assert.That(plan[3].Sizes, Is.EqualTo(new long[] { 200, -1, 200 }));
        }
    }

    [Test]
    public void Select_StopsAtTheBudgetButAlwaysKeepsTheFirstIteration()
    {
        var plan = EmulationPlan.Select(Rows(), ["Dense", "Lazy"], 2, 3, p => p.MaxPayload, 1500);
        var tiny = EmulationPlan.Select(Rows(), ["Dense"], 2, 3, _ => 10_000, 1);

        using (Assert.EnterMultipleScope())
        {
            // Dense 0 (1000) + Lazy 0 (200) + Lazy 1 (200) fit in 1500; every further Dense iteration would not.
            Assert.That(plan.Select(p => (p.Algorithm, p.Iteration)), Is.EqualTo(new[] { ("Dense", 0), ("Lazy", 0), ("Lazy", 1) }));
            Assert.That(tiny, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public void Select_MoreWorkersThanTheLogHas_IsAnErrorNamingTheAlgorithm()
    {
        Assert.That(
            () => EmulationPlan.Select(Rows(), ["Lazy"], 5, 1, _ => 1, 10),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("'Lazy' has 4 workers"));
    }

    [Test]
    public void Select_WithReplicate_StretchesALogOfNWorkersToM_WorkerWTakingWorkerWModN()
    {
        var plan = EmulationPlan.Select(Rows(), ["Lazy"], 10, 2, _ => 1, long.MaxValue, replicate: true);

        using (Assert.EnterMultipleScope())
        {
            // Lazy's worker k skips at iteration k; with 4 logged workers, workers 1, 5 and 9 replay worker 1.
            Assert.That(plan[0].Sizes, Is.EqualTo(new long[] { -1, 200, 200, 200, -1, 200, 200, 200, -1, 200 }));
            Assert.That(plan[1].Sizes, Is.EqualTo(new long[] { 200, -1, 200, 200, 200, -1, 200, 200, 200, -1 }));
        }
    }

    [Test]
    public void Select_WithoutReplicate_NamesTheFlagThatStretchesTheLog()
    {
        Assert.That(
            () => EmulationPlan.Select(Rows(), ["Lazy"], 5, 1, _ => 1, 10),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("--replicate-workers"));
    }

    [Test]
    public void ToText_WritesACommentAndOneLineOfSizesPerIteration()
    {
        var text = EmulationPlan.ToText([new PlannedIteration("SGD", 7, [5, -1])]);

        Assert.That(text, Is.EqualTo("# SGD k=7\n5 -1\n"));
    }

    [TestCase(32_767, PayloadClass.Small)]
    [TestCase(32_768, PayloadClass.Medium)]
    [TestCase(163_840, PayloadClass.Large)]
    public void Class_IsDecidedByTheLargestUpload(long largest, PayloadClass expected)
    {
        Assert.That(new PlannedIteration("a", 0, [-1, largest, 10]).Class, Is.EqualTo(expected));
    }

    [Test]
    public void Parse_ReadsBackWhatToTextWrote()
    {
        PlannedIteration[] plan = [new("SGD", 7, [5, -1]), new("Top-k", 0, [1, 2])];

        var again = EmulationPlan.Parse(EmulationPlan.ToText(plan), 2);

        Assert.That(again.Select(p => (p.Algorithm, p.Iteration, string.Join(' ', p.Sizes))), Is.EqualTo(plan.Select(p => (p.Algorithm, p.Iteration, string.Join(' ', p.Sizes)))));
    }

    [Test]
    public void Parse_WrongNumberOfSizes_IsAnError()
    {
        Assert.That(() => EmulationPlan.Parse("# SGD k=0\n1 2 3\n", 2), Throws.InstanceOf<InvalidDataException>());
    }
}
