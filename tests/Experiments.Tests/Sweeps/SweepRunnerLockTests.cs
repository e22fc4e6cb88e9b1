using Sasg.Experiments.Sweeps;
using Sasg.Experiments.Sweeps.Slurm;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Sweeps;

/// <summary>Two processes on one sweep folder: the folder lock keeps a second sweep out, the cell locks keep a second
/// writer (or the clean-up of unfinished cells) off a cell being written.</summary>
[NonParallelizable]
public sealed class SweepRunnerLockTests
{
    [Test]
    public void Run_IntoAFolderAnotherSweepHolds_FailsWithOneLine_AndTrainsNothing()
    {
        using var folder = new TemporaryDirectory();
        using var other = SweepFolder.LockFolder(folder.Path, "sweep");

        var thrown = Assert.Throws<SweepFolderException>(() => SweepRunner.Run(TinySweep.Scenario(TinySweep.Json(iterations: 5)), folder.Path));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(thrown.Message, Does.StartWith($"{folder.Path} is in use by sweep PID {Environment.ProcessId} on host {Environment.MachineName}"));
            Assert.That(Directory.Exists(Path.Combine(folder.Path, "cells")), Is.False);
            Assert.That(File.Exists(Path.Combine(folder.Path, "manifest.json")), Is.False);
        }
    }

    [Test]
    public void Run_Done_ReleasesTheFolderLock()
    {
        using var folder = new TemporaryDirectory();

        SweepRunner.Run(TinySweep.Scenario(TinySweep.Json(iterations: 5)), folder.Path);

        Assert.That(File.Exists(Path.Combine(folder.Path, SweepFolder.LockFile)), Is.False);
    }

    [Test]
    public void Run_Again_NeverDeletesAnUnfinishedCellAnotherProcessHolds_AndStopsAtIt()
    {
        using var folder = new TemporaryDirectory();
        var scenario = TinySweep.Scenario(TinySweep.Json(iterations: 5));
        SweepRunner.Run(scenario, folder.Path, new SweepOptions { Parallelism = 1 });
        var cell = scenario.Expand().First();
        var directory = Path.Combine(folder.Path, "cells", cell.Cell!.Id);
        File.Delete(Path.Combine(directory, "done"));
        using var writer = SweepLock.Acquire(Path.Combine(folder.Path, "locks", cell.Cell.Id + ".lock"), directory, "sweep run-cell");

        var thrown = Assert.Throws<SweepFolderException>(() => SweepRunner.Run(scenario, folder.Path, new SweepOptions { Parallelism = 1 }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(thrown.Message, Does.StartWith($"{directory} is in use by sweep run-cell PID {Environment.ProcessId}"));
            Assert.That(File.Exists(Path.Combine(directory, "metrics.csv")), Is.True, "the cell being written is left alone");
        }
    }

    [Test]
    public void RunCell_OfACellAnotherTaskHolds_DoesNotWriteIt_AndRecordsWhy()
    {
        using var folder = new TemporaryDirectory();
        var scenario = TinySweep.Scenario(TinySweep.Json(iterations: 5));
        var cells = scenario.Expand().ToList();
        SweepFolder.Open(folder.Path, scenario, SweepRunner.LearningGroups(cells)).Dispose();
        var manifest = SweepManifestCell.From(SweepFolder.ReadManifest(folder.Path));
        var (training, _) = SlurmTaskPlanner.Plan(manifest, manifest.Select(c => c.Index).ToHashSet(), new HashSet<string>(), new HashSet<string>(), 1, 0);
        new SlurmSweepFolder(folder.Path).AppendTasks(training);
        var first = cells[training[0].Cells[0]];
        var directory = Path.Combine(folder.Path, "cells", first.Cell!.Id);
        var partial = folder.WriteFile(Path.Combine("cells", first.Cell.Id, "metrics.csv"), "being written");
        using var otherTask = SweepLock.Acquire(Path.Combine(folder.Path, "locks", first.Cell.Id + ".lock"), directory, "sweep run-cell");
        var log = new StringWriter();

        var code = SlurmTaskRunner.Run(folder.Path, training[0].Index, log);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(File.ReadAllText(partial), Is.EqualTo("being written"));
            Assert.That(File.Exists(Path.Combine(directory, "done")), Is.False);
            Assert.That(log.ToString(), Does.Contain($"not run: {directory} is in use by sweep run-cell PID {Environment.ProcessId}"));
            Assert.That(new SlurmSweepFolder(folder.Path).ReadFailures()[first.Cell.Id], Does.Contain("is in use by"));
        }
    }
}
