using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

/// <summary>Bad input of <c>sasg sweep --engine slurm</c> and its subcommands: one line each, exit code 2. None of
/// these needs a cluster: a fake sbatch (that fails the test if it is ever run) stands in where one must be on PATH.</summary>
[NonParallelizable]
public sealed class SweepSlurmCommandTests
{
    [Test]
    public void Sweep_WithAnUnknownEngine_ExitsTwoWithOneLine()
    {
        using var folder = new TemporaryDirectory();
        var path = SweepScenarioFile.Write(folder, iterations: 5);

        var (exitCode, error) = Sasg("sweep", path, "--engine", "nosuch");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.Contain("nosuch").And.Contain("local").And.Contain("slurm"));
        }
    }

    [Test]
    public void Sweep_LocalWithASlurmOption_ExitsTwoNamingIt()
    {
        using var folder = new TemporaryDirectory();
        var path = SweepScenarioFile.Write(folder, iterations: 5);

        var (exitCode, error) = Sasg("sweep", path, "--partition", "short");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error, Does.Contain("--partition applies to --engine slurm only"));
        }
    }

    [Test]
    public void Sweep_SlurmWithoutSbatchOnPath_ExitsTwoWithOneLine()
    {
        using var folder = new TemporaryDirectory();
        var path = SweepScenarioFile.Write(folder, iterations: 5);
        var empty = Directory.CreateDirectory(Path.Combine(folder.Path, "empty-bin")).FullName;

        var (exitCode, error) = WithPath(empty, () => Sasg("sweep", path, "--engine", "slurm", "--dir", Path.Combine(folder.Path, "out")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.Contain("sbatch not found on PATH").And.Contain("slurm-local.sh up"));
            Assert.That(Directory.Exists(Path.Combine(folder.Path, "out")), Is.False, "nothing is written before the check");
        }
    }

    [TestCase("local")]
    [TestCase("slurm")]
    public void Sweep_IntoADirThatCannotBeWritten_ExitsTwoWithOneLine(string engine)
    {
        using var folder = new TemporaryDirectory();
        var path = SweepScenarioFile.Write(folder, iterations: 5);
        // Root may write anywhere, but nobody can create a folder below a regular file.
        var blocked = Path.Combine(folder.WriteFile("a-file", "x"), "sweep");

        var (exitCode, error) = WithFakeSbatch(folder, () => Sasg("sweep", path, "--engine", engine, "--dir", blocked));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.Contain(blocked).And.Contain("not writable"));
        }
    }

    [Test]
    public void Sweep_SlurmIntoTheFolderOfAnotherScenario_ExitsTwo()
    {
        using var folder = new TemporaryDirectory();
        var output = Path.Combine(folder.Path, "out");
        var first = SweepScenarioFile.Write(folder, iterations: 5, name: "first.json");
        var second = SweepScenarioFile.Write(folder, iterations: 6, name: "second.json");
        Assert.That(Sasg("sweep", first, "--dir", output).ExitCode, Is.Zero);

        var (exitCode, error) = WithFakeSbatch(folder, () => Sasg("sweep", second, "--engine", "slurm", "--dir", output));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.Contain("another scenario").And.Contain(output));
        }
    }

    [TestCase("status")]
    [TestCase("collect")]
    [TestCase("resubmit")]
    public void Subcommand_OnAFolderThatIsNotASweep_ExitsTwoWithOneLine(string subcommand)
    {
        using var folder = new TemporaryDirectory();

        var (exitCode, error) = WithFakeSbatch(folder, () => Sasg("sweep", subcommand, folder.Path));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.Contain("not a sweep folder"));
        }
    }

    [Test]
    public void Collect_OfASweepWithCellsNotDone_ExitsTwoNamingTheCount()
    {
        using var folder = new TemporaryDirectory();
        var path = SweepScenarioFile.Write(folder, iterations: 5);
        var output = Path.Combine(folder.Path, "out");
        Assert.That(Sasg("sweep", path, "--dir", output).ExitCode, Is.Zero);
        Directory.Delete(Directory.GetDirectories(Path.Combine(output, "cells"))[0], recursive: true);

        var (exitCode, error) = Sasg("sweep", "collect", output);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error, Does.Contain("1 of 2 cells are not done"));
        }
    }

    [Test]
    public void Collect_OfALocalSweep_RewritesTheSameCsv()
    {
        using var folder = new TemporaryDirectory();
        var path = SweepScenarioFile.Write(folder, iterations: 5);
        var output = Path.Combine(folder.Path, "out");
        Assert.That(Sasg("sweep", path, "--dir", output).ExitCode, Is.Zero);
        var csv = File.ReadAllBytes(Path.Combine(output, "sweep.csv"));
        File.Delete(Path.Combine(output, "sweep.csv"));

        var (exitCode, error) = Sasg("sweep", "collect", output);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, error);
            Assert.That(File.ReadAllBytes(Path.Combine(output, "sweep.csv")), Is.EqualTo(csv));
        }
    }

    [Test]
    public void RunCell_OfATaskThatWasNeverPlanned_ExitsTwo()
    {
        using var folder = new TemporaryDirectory();
        var path = SweepScenarioFile.Write(folder, iterations: 5);
        var output = Path.Combine(folder.Path, "out");
        Assert.That(Sasg("sweep", path, "--dir", output).ExitCode, Is.Zero);

        var (exitCode, error) = Sasg("sweep", "run-cell", output, "3");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error, Does.Contain("no task 3"));
        }
    }

    private static (int ExitCode, string Error) Sasg(params string[] args)
    {
        var error = new StringWriter();
        var exitCode = SasgApp.Run(args, new TestConsole().Width(250), error, DatasetLocator.Default);
        return (exitCode, error.ToString());
    }

    private static T WithPath<T>(string path, Func<T> action)
    {
        var saved = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", path);
        try
        {
            return action();
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", saved);
        }
    }

    // An sbatch that must never be run: these inputs are refused before anything is submitted.
    private static T WithFakeSbatch<T>(TemporaryDirectory folder, Func<T> action)
    {
        var bin = Directory.CreateDirectory(Path.Combine(folder.Path, "fake-bin")).FullName;
        var sbatch = Path.Combine(bin, "sbatch");
        File.WriteAllText(sbatch, "#!/bin/sh\necho 'fake sbatch must not run' >&2\nexit 99\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(sbatch, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return WithPath(bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"), action);
    }
}
