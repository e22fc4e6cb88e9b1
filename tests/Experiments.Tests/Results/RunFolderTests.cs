using System.Diagnostics;
using System.Globalization;
using Sasg.Experiments.Results;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Results;

public sealed class RunFolderTests
{
    [Test]
    public void Prepare_DeletesTheFilesAnEarlierRunListed_AndNothingElse()
    {
        using var folder = new TemporaryDirectory();
        foreach (var file in new[] { "metrics.csv", "trace.csv", "plots/timeline-Old.png", "plots/mine.png", "notes.txt" })
        {
            folder.WriteFile(file, "x");
        }

        folder.WriteFile(".sasg-files", "# header\nmetrics.csv\ntrace.csv\nplots/timeline-Old.png\n");

        RunFolder.Prepare(folder.Path, trace: false).Dispose();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Files(folder.Path), Is.EquivalentTo(new[] { ".sasg-files", "notes.txt", "plots/mine.png" }));
            Assert.That(File.ReadAllLines(Path.Combine(folder.Path, ".sasg-files")).Skip(1),
                Is.EqualTo(new[] { "metrics.csv", "decisions.csv", "decisions.parquet", "partition.csv", "summary.json", "report.md", "scenario.json" }));
        }
    }

    [Test]
    public void Prepare_WithTracesOn_ListsTheTraces()
    {
        using var folder = new TemporaryDirectory();

        RunFolder.Prepare(folder.Path, trace: true).Dispose();

        Assert.That(File.ReadAllLines(Path.Combine(folder.Path, ".sasg-files")), Does.Contain("trace.csv").And.Contain("trace.json"));
    }

    [Test]
    public void Prepare_WithTracesOff_KeepsAUsersTraceWithoutManifest_AndRefusesNamingIt()
    {
        using var folder = new TemporaryDirectory();
        var trace = folder.WriteFile("trace.csv", "my own data");

        var error = Assert.Throws<ResultsFolderException>(() => RunFolder.Prepare(folder.Path, trace: false));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllText(trace), Is.EqualTo("my own data"));
            Assert.That(error!.Message, Does.StartWith(folder.Path + ": holds trace.csv").And.Contain("--output"));
        }
    }

    [Test]
    public void Prepare_WithAManifestNamingFilesOutsideTheFolder_DeletesNothingOutside()
    {
        using var root = new TemporaryDirectory();
        var outside = root.WriteFile("outside.txt", "keep");
        var etc = root.WriteFile("metrics.csv", "keep");
        var folder = Path.Combine(root.Path, "run");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ".sasg-files"), $"../outside.txt\n{etc}\n../metrics.csv\nplots/../../outside.txt\nplots/../metrics.csv\n");

        RunFolder.Prepare(folder, trace: true).Dispose();

        Assert.That((File.Exists(outside), File.Exists(etc)), Is.EqualTo((true, true)));
    }

    [Test]
    public void Prepare_WhenPlotsOrAListedFileIsASymbolicLink_DeletesNothingThroughIt()
    {
        using var root = new TemporaryDirectory();
        var elsewhere = root.WriteFile("elsewhere/loss-vs-iterations.png", "keep");
        var target = root.WriteFile("mine.csv", "keep");
        var folder = Path.Combine(root.Path, "run");
        Directory.CreateDirectory(folder);
        Directory.CreateSymbolicLink(Path.Combine(folder, "plots"), Path.GetDirectoryName(elsewhere)!);
        File.CreateSymbolicLink(Path.Combine(folder, "metrics.csv"), target);
        File.WriteAllText(Path.Combine(folder, ".sasg-files"), "plots/loss-vs-iterations.png\nmetrics.csv\n");

        RunFolder.Prepare(folder, trace: true).Dispose();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllText(elsewhere), Is.EqualTo("keep"));
            Assert.That(File.ReadAllText(target), Is.EqualTo("keep"));
        }
    }

    [Test]
    public void Prepare_RemovesTheTemporaryFilesOfProcessesThatAreGone_AndKeepsTheOthers()
    {
        using var folder = new TemporaryDirectory();
        var dead = DeadProcessId().ToString(CultureInfo.InvariantCulture);
        var own = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var stale = new[] { $"trace.part0.csv.tmp-{dead}", $"trace.part12.json.tmp-{dead}", $"metrics.csv.tmp-{dead}", $"plots/loss-vs-bits.svg.tmp-{dead}" };
        var kept = new[] { $"notes.txt.tmp-{dead}", "trace.part0.csv.tmp-1", $"summary.json.tmp-{own}" };
        foreach (var file in stale.Concat(kept))
        {
            folder.WriteFile(file, "x");
        }

        using var run = RunFolder.Prepare(folder.Path, trace: true);
        var afterPrepare = Files(folder.Path);
        run.CleanTemporaryFiles();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterPrepare, Is.EquivalentTo(kept.Append(".sasg-files").Append(RunFolder.LockName)), "pid 1 is alive; this process is still running");
            Assert.That(Files(folder.Path), Is.EquivalentTo(kept.Take(2).Append(".sasg-files").Append(RunFolder.LockName)), "after a failure, this process's own go too");
        }
    }

    [Test]
    public void Prepare_OfAFolderAnotherRunHolds_RefusesInOneLine_UntilThatRunEnds()
    {
        using var folder = new TemporaryDirectory();
        var first = RunFolder.Prepare(folder.Path, trace: false);
        folder.WriteFile("metrics.csv", "the first run's");

        var error = Assert.Throws<ResultsFolderException>(() => RunFolder.Prepare(folder.Path, trace: false));
        var kept = File.ReadAllText(Path.Combine(folder.Path, "metrics.csv"));
        first.Dispose();
        var lockGone = !File.Exists(Path.Combine(folder.Path, RunFolder.LockName));
        RunFolder.Prepare(folder.Path, trace: false).Dispose();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Message, Does.StartWith($"{folder.Path} is in use by").And.Contain("give another folder with --output").And.Not.Contain("\n"));
            Assert.That(kept, Is.EqualTo("the first run's"), "the refused run deleted nothing");
            Assert.That(lockGone, Is.True);
        }
    }

    [Test]
    public void Prepare_OfAFolderUnderAFile_ThrowsOneLineNamingTheFile()
    {
        using var root = new TemporaryDirectory();
        var file = root.WriteFile("file", "x");

        var error = Assert.Throws<ResultsFolderException>(() => RunFolder.Prepare(Path.Combine(file, "out"), trace: true));

        Assert.That(error!.Message, Is.EqualTo($"{file}/out: cannot write the results folder ({file} is a file, not a folder); give a folder you can write with --output"));
    }

    [Test]
    public void Prepare_OfAFolderUnderProc_ThrowsOneLine()
    {
        var error = Assert.Throws<ResultsFolderException>(() => RunFolder.Prepare("/proc/sasg-results", trace: true));

        Assert.That(error!.Message, Does.StartWith("/proc/sasg-results: cannot write the results folder (").And.Not.Contain("\n"));
    }

    [Test]
    public void ManifestAdd_AddsPlotsToTheRunsList_AndIgnoresFilesOutsideTheFolder()
    {
        using var folder = new TemporaryDirectory();
        RunFolder.Prepare(folder.Path, trace: false).Dispose();

        FolderManifest.Add(folder.Path, [Path.Combine(folder.Path, "plots", "loss-vs-seconds.png"), "/etc/passwd"]);

        var manifest = File.ReadAllLines(Path.Combine(folder.Path, ".sasg-files"));
        Assert.That(manifest, Does.Contain("plots/loss-vs-seconds.png").And.Contain("metrics.csv").And.Not.Contain("/etc/passwd").And.Not.Contain("../../etc/passwd"));
    }

    private static List<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).ToList();

    // The id of a process that has ended (ids are not reused this soon).
    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
