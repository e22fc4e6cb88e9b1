using System.Runtime.InteropServices;

namespace Sasg.Experiments.Results;

/// <summary>The two file-system calls .NET does not offer: a hard link, and flushing a folder's entries to disk.</summary>
internal static partial class NativeFiles
{
    private const int InvalidArgument = 22;

    /// <summary>Makes <paramref name="link"/> a second name of the file <paramref name="existing"/> (same folder tree,
    /// same bytes, nothing copied); false when the system or the file system has no hard links.</summary>
    public static bool TryHardLink(string existing, string link) =>
        (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Link(existing, link) == 0;

    /// <summary>Flushes the entries of the folder <paramref name="directory"/> (the names of the files renamed into
    /// it) to disk; nothing to do on Windows, where a file's flush covers its name.</summary>
    /// <exception cref="IOException">The folder cannot be opened or flushed.</exception>
    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var descriptor = Open(directory, 0);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open the folder {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        var synced = Sync(descriptor);
        var error = Marshal.GetLastPInvokeError();
        _ = Close(descriptor);
        // EINVAL: a file system that cannot flush a folder (some network and FUSE ones); nothing more can be done.
        if (synced != 0 && error != InvalidArgument)
        {
            throw new IOException($"Cannot flush the folder {directory} (errno {error}).");
        }
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string link);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Sync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
