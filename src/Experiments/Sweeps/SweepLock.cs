using System.Text;

namespace Sasg.Experiments.Sweeps;

/// <summary>An exclusive lock on a sweep folder (<c>sweep.lock</c>) or on one cell (<c>locks/&lt;cell-id&gt;.lock</c>),
/// held from <see cref="Acquire"/> to <see cref="Dispose"/>. The lock file is created atomically (create-new) and holds
/// one line naming its owner (<see cref="SweepLockOwner"/>); its handle stays open with an OS advisory lock, which the
/// OS drops when the owner dies however it dies. A lock left by a dead owner is taken over: one whose advisory lock is
/// free and whose owner ran on this host under a process id that is no longer that process.</summary>
/// <remarks>The owner's handle shares reading, so that <c>sasg sweep status</c> can say who holds the folder (on Linux
/// .NET takes a shared <c>flock</c> for it; a take-over needs the exclusive one, which no live owner leaves free). On
/// NFS .NET takes no <c>flock</c> for a writable handle; there the process-id check alone decides, and a lock of
/// another host is never taken over: the message names the file to remove.</remarks>
internal sealed class SweepLock : IDisposable
{
    private const int Attempts = 5;
    private readonly FileStream _handle;

    private SweepLock(FileStream handle, string path, string? note)
    {
        _handle = handle;
        Path = path;
        Note = note;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>What was taken over to get the lock ("took over the lock of ..., whose process is gone"), or null.</summary>
    public string? Note { get; }

    /// <summary>Takes the lock file <paramref name="path"/> on behalf of <paramref name="what"/> (the folder or cell
    /// it guards, for the message) as <paramref name="role"/>.</summary>
    /// <exception cref="SweepFolderException">A live process holds it; the one-line message says who and what to do.</exception>
    /// <exception cref="IOException">The lock file cannot be written.</exception>
    public static SweepLock Acquire(string path, string what, string role)
    {
        if (TryAcquire(path, role, out var acquired, out var holder))
        {
            return acquired;
        }

        var who = holder is null ? "another process (its lock file is being written or taken over)" : holder.Describe();
        throw new SweepFolderException($"{what} is in use by {who}; wait for it or remove {path} if that process is gone");
    }

    /// <summary>Takes the lock file <paramref name="path"/> as <paramref name="role"/> if no live process holds it;
    /// otherwise gives its holder (null when its line cannot be read yet).</summary>
    public static bool TryAcquire(string path, string role, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SweepLock? acquired, out SweepLockOwner? holder)
    {
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        string? note = null;
        holder = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (TryCreate(path, role, note, out acquired))
            {
                return true;
            }

            holder = ReadOwner(path);
            if (holder is not null && !holder.IsGone())
            {
                break;
            }

            if (holder is not null && TryRemoveStale(path, holder))
            {
                note = $"took over the lock of {holder.Describe()}, whose process is gone";
                continue;
            }

            if (holder is null && TryRemoveStale(path, null))
            {
                note = "took over a lock file without an owner line, whose process died while writing it";
                continue;
            }

            // The line is not written yet, or another process is taking the stale lock over: look again shortly.
            Thread.Sleep(20 * (attempt + 1));
        }

        acquired = null;
        return false;
    }

    /// <summary>The owner that the lock file <paramref name="path"/> names, or null when there is none (no file, or a
    /// line not written yet).</summary>
    public static SweepLockOwner? ReadOwner(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return SweepLockOwner.Parse(reader.ReadToEnd());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Removes the lock file, then drops the advisory lock (in this order, so that no one can take a file that
    /// is about to disappear).</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The folder went away with the file; nothing is left to release but the handle.
        }

        _handle.Dispose();
    }

    private static bool TryCreate(string path, string role, string? note, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SweepLock? acquired)
    {
        FileStream handle;
        try
        {
            handle = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        }
        catch (IOException) when (File.Exists(path))
        {
            acquired = null;
            return false;
        }

        var line = Encoding.UTF8.GetBytes(SweepLockOwner.Current(role).ToLine());
        handle.Write(line);
        handle.Flush(flushToDisk: true);
        acquired = new SweepLock(handle, path, note);
        return true;
    }

    // Takes the exclusive advisory lock (free only if the owner's handle is closed), checks the file still names the
    // same owner (or, for a null holder, still names none: its owner died between creating it and writing its line),
    // and deletes it while holding it. A live owner still writing its line holds its handle, so the lock is not free.
    private static bool TryRemoveStale(string path, SweepLockOwner? holder)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            if (SweepLockOwner.Parse(reader.ReadToEnd()) != holder)
            {
                return false;
            }

            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
