using System.Diagnostics;
using System.Globalization;
using Sasg.Experiments.Sweeps;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Sweeps;

public sealed class SweepLockTests
{
    [Test]
    public void Acquire_OfALockALiveProcessHolds_ThrowsOneLineNamingItsProcessHostAndFile()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "sweep.lock");
        using var first = SweepLock.Acquire(path, folder.Path, "sweep");

        var thrown = Assert.Throws<SweepFolderException>(() => SweepLock.Acquire(path, folder.Path, "sweep"));

        Assert.That(
            thrown.Message,
            Does.StartWith($"{folder.Path} is in use by sweep PID {Environment.ProcessId} on host {Environment.MachineName} since ")
                .And.EndWith($" UTC; wait for it or remove {path} if that process is gone")
                .And.Not.Contain("\n"));
    }

    [Test]
    public void Acquire_OfALockWhoseProcessIsGone_TakesItOver_WithANote()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "sweep.lock");
        var dead = DeadProcessId();
        File.WriteAllText(path, new SweepLockOwner("sweep", dead, Environment.MachineName, DateTime.UtcNow, DateTime.UtcNow).ToLine());

        using var taken = SweepLock.Acquire(path, folder.Path, "sweep");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(taken.Note, Does.StartWith($"took over the lock of sweep PID {dead} on host {Environment.MachineName}"));
            Assert.That(SweepLock.ReadOwner(path)!.ProcessId, Is.EqualTo(Environment.ProcessId));
        }
    }

    [TestCase("")]
    [TestCase("sweep\t12")]
    public void Acquire_OfALockFileWithoutAnOwnerLine_NoOneHolding_TakesItOver(string partial)
    {
        // Its owner was killed between creating the file and writing its line (seen under load in the kill-and-resume test).
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "sweep.lock");
        File.WriteAllText(path, partial);

        using var taken = SweepLock.Acquire(path, folder.Path, "sweep");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(taken.Note, Does.StartWith("took over a lock file without an owner line"));
            Assert.That(SweepLock.ReadOwner(path)!.ProcessId, Is.EqualTo(Environment.ProcessId));
        }
    }

    [Test]
    public void Acquire_OfALockFileWithoutAnOwnerLine_WhileItsWriterHoldsIt_IsRefused()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "sweep.lock");
        // A live owner that has created the file and not written its line yet holds its handle as SweepLock does.
        using var writer = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);

        var thrown = Assert.Throws<SweepFolderException>(() => SweepLock.Acquire(path, folder.Path, "sweep"));

        Assert.That(thrown.Message, Does.Contain("is in use by another process (its lock file is being written or taken over)"));
    }

    [Test]
    public void Acquire_OfALockOfAProcessIdNowReused_TakesItOver()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "sweep.lock");
        // This process's id, but a process that started a day earlier: the owner is gone and its id reused.
        using var self = Process.GetCurrentProcess();
        var owner = new SweepLockOwner("sweep", Environment.ProcessId, Environment.MachineName, DateTime.UtcNow, self.StartTime.ToUniversalTime().AddDays(-1));
        File.WriteAllText(path, owner.ToLine());

        using var taken = SweepLock.Acquire(path, folder.Path, "sweep");

        Assert.That(taken.Note, Does.StartWith("took over the lock of sweep PID"));
    }

    [Test]
    public void Acquire_OfALockOfAnotherHost_IsNeverTakenOver()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "sweep.lock");
        var since = new DateTime(2026, 12, 1, 10, 20, 30, DateTimeKind.Utc);
        File.WriteAllText(path, new SweepLockOwner("sweep run-cell", DeadProcessId(), "other-node", since, since).ToLine());

        var thrown = Assert.Throws<SweepFolderException>(() => SweepLock.Acquire(path, "cell x", "sweep"));

        Assert.That(thrown.Message, Does.Contain("cell x is in use by sweep run-cell PID ").And.Contain(" on host other-node since 2026-12-01 10:20:30 UTC;"));
    }

    [Test]
    public void Dispose_RemovesTheLockFile_SoThatTheNextOwnerTakesItWithoutNote()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "locks", "cell.lock");
        SweepLock.Acquire(path, "cell", "sweep").Dispose();

        using var second = SweepLock.Acquire(path, "cell", "sweep");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Note, Is.Null);
            Assert.That(File.ReadAllText(path), Does.StartWith("sweep\t" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\t"));
        }
    }

    [Test]
    public void TryAcquire_WhileHeld_GivesTheHolder()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "sweep.lock");
        using var first = SweepLock.Acquire(path, folder.Path, "sweep collect");

        var taken = SweepLock.TryAcquire(path, "sweep", out var second, out var holder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(taken, Is.False);
            Assert.That(second, Is.Null);
            Assert.That(holder!.Role, Is.EqualTo("sweep collect"));
        }
    }

    // The id of a process that has exited (ids are reused only after the kernel wraps around its id range).
    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
