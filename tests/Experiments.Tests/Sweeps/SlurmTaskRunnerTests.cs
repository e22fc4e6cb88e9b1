using Sasg.Experiments.Scenarios;
using Sasg.Experiments.Sweeps;
using Sasg.Experiments.Sweeps.Slurm;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Sweeps;

[NonParallelizable]
public sealed class SlurmTaskRunnerTests
{
    [Test]
    public void Run_TrainingThenReplayTasks_CompleteEveryCell_AndARerunSkipsThem()
    {
        using var folder = new TemporaryDirectory();
        var cells = Plan(folder, cellsPerTask: 3);
        var log = new StringWriter();

        var codes = Enumerable.Range(0, 4).Select(t => SlurmTaskRunner.Run(folder.Path, t, log)).ToList();
        var markers = cells.ToDictionary(c => c.Cell!.Id, c => File.GetLastWriteTimeUtc(Done(folder, c.Cell!.Id)));
        var again = new StringWriter();
        var rerun = SlurmTaskRunner.Run(folder.Path, 2, again);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(codes, Is.All.Zero, log.ToString());
            Assert.That(cells.Select(c => File.Exists(Done(folder, c.Cell!.Id))), Is.All.True);
            Assert.That(log.ToString().Split('\n').Count(l => l.Contains(": trained", StringComparison.Ordinal)), Is.EqualTo(2));
            Assert.That(log.ToString().Split('\n').Count(l => l.Contains(": replayed", StringComparison.Ordinal)), Is.EqualTo(6));
            Assert.That(rerun, Is.Zero);
            Assert.That(again.ToString(), Does.Contain("already done, skipped").And.Not.Contain("replayed,"));
            Assert.That(cells.Select(c => File.GetLastWriteTimeUtc(Done(folder, c.Cell!.Id))), Is.EqualTo(markers.Values));
        }
    }

    [Test]
    public void Run_ReplayTask_GivesTheCellsTheLocalEngineGives()
    {
        using var folder = new TemporaryDirectory();
        using var local = new TemporaryDirectory();
        var cells = Plan(folder, cellsPerTask: 6);
        SweepRunner.Run(TinySweep.Scenario(), local.Path, new SweepOptions { Parallelism = 1 });
        // The cluster's replays read the training cell back from disk; start from the local engine's training cells
        // so that only the replay path differs (training itself is compared across processes in the Cli tests).
        foreach (var trained in cells.Where(c => c.Cell!.LearningSourceIndex == c.Cell.Index))
        {
            CopyDirectory(Path.Combine(local.Path, "cells", trained.Cell!.Id), Path.Combine(folder.Path, "cells", trained.Cell.Id));
        }

        var code = SlurmTaskRunner.Run(folder.Path, 2, TextWriter.Null);
        var csv = SweepCollector.Collect(folder.Path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.Zero);
            Assert.That(File.ReadAllBytes(csv), Is.EqualTo(File.ReadAllBytes(Path.Combine(local.Path, "sweep.csv"))));
        }
    }

    [Test]
    public void Run_ReplayTaskWhoseTrainingIsNotDone_LeavesItsCellsMissing_AndExitsZero()
    {
        using var folder = new TemporaryDirectory();
        var cells = Plan(folder, cellsPerTask: 6);
        var log = new StringWriter();

        var code = SlurmTaskRunner.Run(folder.Path, 2, log);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.Zero);
            Assert.That(log.ToString(), Does.Contain("not run: no cell of its learning group is done"));
            Assert.That(cells.Count(c => File.Exists(Done(folder, c.Cell!.Id))), Is.Zero);
        }
    }

    [Test]
    public void Run_ReplayTaskWhoseTrainingCannotBeRead_RecordsEachCellAsFailed_AndExitsOne()
    {
        using var folder = new TemporaryDirectory();
        var cells = Plan(folder, cellsPerTask: 6);
        Assert.That(SlurmTaskRunner.Run(folder.Path, 0, TextWriter.Null), Is.Zero);
        File.WriteAllText(Path.Combine(folder.Path, "cells", cells[0].Cell!.Id, "metrics.csv"), "not,the,header\n");
        var log = new StringWriter();

        var code = SlurmTaskRunner.Run(folder.Path, 2, log);

        var report = SweepStatusReader.Read(folder.Path, _ => []);
        var group = cells.Where(c => c.Data.Workers == cells[0].Data.Workers && c.Cell!.Index != 0).Select(c => c.Cell!.Index).ToHashSet();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(log.ToString(), Does.Contain("cannot read its group's finished cell " + cells[0].Cell!.Id));
            Assert.That(report.Cells.Where(c => group.Contains(c.Cell.Index)).Select(c => c.State), Is.All.EqualTo(SweepCellState.Failed));
            Assert.That(report.Cells.Where(c => group.Contains(c.Cell.Index)).Select(c => c.Detail), Is.All.Contain("not run by Slurm"));
        }
    }

    [Test]
    public void Run_CellLeftHalfWritten_IsDiscardedAndRunAgain()
    {
        using var folder = new TemporaryDirectory();
        var cells = Plan(folder, cellsPerTask: 6);
        var stale = folder.WriteFile(Path.Combine("cells", cells[0].Cell!.Id, "metrics.csv.tmp-123"), "half");

        var code = SlurmTaskRunner.Run(folder.Path, 0, TextWriter.Null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.Zero);
            Assert.That(File.Exists(stale), Is.False);
            Assert.That(File.Exists(Done(folder, cells[0].Cell!.Id)), Is.True);
        }
    }

    [Test]
    public void Run_UnknownTask_IsRefusedAsBadInput()
    {
        using var folder = new TemporaryDirectory();
        Plan(folder, cellsPerTask: 6);

        Assert.That(() => SlurmTaskRunner.Run(folder.Path, 99, TextWriter.Null), Throws.TypeOf<SweepFolderException>().With.Message.Contains("no task 99"));
    }

    [Test]
    public void LoadScenario_OfASweepOverWorkers_ParsesTheScenarioAsWritten_WithTheManifestsHash()
    {
        using var folder = new TemporaryDirectory();
        Plan(folder, cellsPerTask: 6);

        var loaded = SweepFolder.LoadScenario(folder.Path);

        Assert.That(() => SweepFolder.Attach(folder.Path, loaded), Throws.Nothing);
    }

    // The tiny sweep planned as the submit step plans it, without submitting: tasks 0 and 1 train (one per worker
    // count), the rest replay.
    private static List<Scenario> Plan(TemporaryDirectory folder, int cellsPerTask)
    {
        var scenario = TinySweep.Scenario();
        var cells = scenario.Expand().ToList();
        SweepFolder.Open(folder.Path, scenario, SweepRunner.LearningGroups(cells)).Dispose();
        var manifest = SweepManifestCell.From(SweepFolder.ReadManifest(folder.Path));
        var (training, replay) = SlurmTaskPlanner.Plan(
            manifest, manifest.Select(c => c.Index).ToHashSet(), new HashSet<string>(), new HashSet<string>(), cellsPerTask, 0);
        new SlurmSweepFolder(folder.Path).AppendTasks(training.Concat(replay));
        return cells;
    }

    private static string Done(TemporaryDirectory folder, string id) => Path.Combine(folder.Path, "cells", id, "done");

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
