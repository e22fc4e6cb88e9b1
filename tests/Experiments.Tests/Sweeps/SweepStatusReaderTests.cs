using Sasg.Experiments.Sweeps;
using Sasg.Experiments.Sweeps.Slurm;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Sweeps;

public sealed class SweepStatusReaderTests
{
    [Test]
    public void Read_MapsFolderAndQueueToCellStates()
    {
        using var folder = new TemporaryDirectory();
        var scenario = TinySweep.Scenario();
        var cells = scenario.Expand().ToList();
        SweepFolder.Open(folder.Path, scenario, SweepRunner.LearningGroups(cells)).Dispose();
        var slurm = new SlurmSweepFolder(folder.Path);
        // One task per cell: 0 done, 1 running, 2 pending, 3 cancelled, 4 failed in Slurm, 5 failed with a record,
        // 6 completed without finishing its cell (its training did not finish), 7 never submitted.
        slurm.AppendTasks(Enumerable.Range(0, 7).Select(i => new SlurmTask(i, i == 0, [i])));
        slurm.AppendSubmission(new SlurmSubmission("40", false, 0, 7, "slurm/array-0-replay.sbatch"));
        folder.WriteFile(Path.Combine("cells", cells[0].Cell!.Id, "done"), "x\n");
        slurm.WriteFailure(cells[5].Cell!.Id, "internal error: boom; log somewhere");
        var queue = new Dictionary<string, string>
        {
            ["40_1"] = "RUNNING",
            ["40_2"] = "PENDING",
            ["40_3"] = "CANCELLED",
            ["40_4"] = "TIMEOUT",
            ["40_5"] = "FAILED",
            ["40_6"] = "COMPLETED",
        };
        string? askedFor = null;

        var report = SweepStatusReader.Read(folder.Path, name =>
        {
            askedFor = name;
            return queue;
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(askedFor, Is.EqualTo(slurm.JobName("tiny-sweep")));
            Assert.That(report.Cells.Select(c => c.State), Is.EqualTo(new[]
            {
                SweepCellState.Done, SweepCellState.Running, SweepCellState.Pending, SweepCellState.Missing,
                SweepCellState.Failed, SweepCellState.Failed, SweepCellState.Missing, SweepCellState.Missing,
            }));
            Assert.That(report.Cells[4].Detail, Does.Contain("TIMEOUT").And.Contain(Path.Combine(folder.Path, "logs", "40_4.out")));
            Assert.That(report.Cells[5].Detail, Does.Contain("boom"));
            Assert.That(report.Ended, Is.False);
            Assert.That(report.QueueKnown, Is.True);
        }
    }

    [Test]
    public void Read_WithoutSqueue_SaysSo_AndCountsQueuedCellsAsMissing()
    {
        using var folder = new TemporaryDirectory();
        var scenario = TinySweep.Scenario();
        SweepFolder.Open(folder.Path, scenario, SweepRunner.LearningGroups(scenario.Expand().ToList())).Dispose();
        var slurm = new SlurmSweepFolder(folder.Path);
        slurm.AppendTasks([new SlurmTask(0, true, [0])]);
        slurm.AppendSubmission(new SlurmSubmission("7", true, 0, 1, "slurm/array-0-train.sbatch"));

        var report = SweepStatusReader.Read(folder.Path, _ => null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.QueueKnown, Is.False);
            Assert.That(report.Count(SweepCellState.Missing), Is.EqualTo(8));
        }
    }

    [Test]
    public void Read_OfAFolderWithoutManifest_IsRefused()
    {
        using var folder = new TemporaryDirectory();

        Assert.That(() => SweepStatusReader.Read(folder.Path, _ => []), Throws.TypeOf<SweepFolderException>().With.Message.Contains("not a sweep folder"));
    }
}
