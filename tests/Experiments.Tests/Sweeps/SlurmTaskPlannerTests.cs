using Sasg.Experiments.Sweeps;
using Sasg.Experiments.Sweeps.Slurm;

namespace Sasg.Experiments.Tests.Sweeps;

public sealed class SlurmTaskPlannerTests
{
    // Two learning groups of 4 cells each: cells 0-3 learn like cell 0, cells 4-7 like cell 4.
    private static readonly SweepManifestCell[] Cells =
        [.. Enumerable.Range(0, 8).Select(i => new SweepManifestCell(i, $"id{i}", $"cell{i}", i < 4 ? "id0" : "id4"))];

    [Test]
    public void Plan_FreshSweep_TrainsOncePerGroup_AndBatchesTheRestByGroup()
    {
        var (training, replay) = SlurmTaskPlanner.Plan(Cells, Enumerable.Range(0, 8).ToHashSet(), new HashSet<string>(), new HashSet<string>(), cellsPerTask: 2, firstTask: 0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(training.Select(t => (t.Index, t.Training, Cells: string.Join(',', t.Cells))), Is.EqualTo(new[] { (0, true, "0"), (1, true, "4") }));
            Assert.That(replay.Select(t => (t.Index, t.Training, Cells: string.Join(',', t.Cells))), Is.EqualTo(new[] { (2, false, "1,2"), (3, false, "3,5"), (4, false, "6,7") }));
        }
    }

    [Test]
    public void Plan_GroupWithADoneCell_OrATrainingStillQueued_IsNotTrainedAgain()
    {
        var todo = new HashSet<int> { 2, 3, 5, 6 };

        var (training, replay) = SlurmTaskPlanner.Plan(Cells, todo, new HashSet<string> { "id0" }, new HashSet<string> { "id4" }, cellsPerTask: 10, firstTask: 7);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(training, Is.Empty);
            Assert.That(replay, Has.Count.EqualTo(1));
            Assert.That(replay[0].Index, Is.EqualTo(7));
            Assert.That(replay[0].Cells, Is.EqualTo(new[] { 2, 3, 5, 6 }));
        }
    }

    [Test]
    public void Plan_GroupWithoutDoneCell_TrainsItsFirstCellStillToDo()
    {
        var (training, replay) = SlurmTaskPlanner.Plan(Cells, new HashSet<int> { 5, 6 }, new HashSet<string>(), new HashSet<string>(), cellsPerTask: 10, firstTask: 0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(training.Single().Cells, Is.EqualTo(new[] { 5 }));
            Assert.That(replay.Single().Cells, Is.EqualTo(new[] { 6 }));
        }
    }

    [Test]
    public void DefaultCellsPerTask_TinyCells_ManyPerTask_LargeCells_Fewer()
    {
        var tiny = TinySweep.Scenario().Expand().ToList();
        var large = TinySweep.Scenario(TinySweep.Json(iterations: 100_000)).Expand().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(SlurmTaskPlanner.DefaultCellsPerTask(tiny), Is.GreaterThan(1000));
            Assert.That(SlurmTaskPlanner.DefaultCellsPerTask(large), Is.LessThan(SlurmTaskPlanner.DefaultCellsPerTask(tiny)).And.AtLeast(1));
        }
    }
}
