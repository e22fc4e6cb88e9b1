using Sasg.Experiments.Sweeps;

namespace Sasg.Experiments.Results;

/// <summary>A results folder made ready for a run, so that it never mixes two runs' files: the files an earlier run
/// listed in its manifest (.sasg-files) are deleted, and so are the temporary files of runs that were killed; files
/// Sasg did not write stay. The new manifest lists every file this run writes. The folder is locked (.sasg-lock, as a
/// sweep folder is) from <see cref="Prepare"/> to <see cref="Dispose"/>, so that a second run into it is refused instead
/// of mixing its files with the first's.</summary>
public sealed class RunFolder : IDisposable
{
    /// <summary>The lock file's name.</summary>
    public const string LockName = ".sasg-lock";

    private readonly SweepLock _lock;

    private RunFolder(string directory, SweepLock held)
    {
        Directory = directory;
        _lock = held;
    }

    /// <summary>The folder's full path.</summary>
    public string Directory { get; }

    /// <summary>Creates or cleans <paramref name="directory"/> for a run that writes traces when <paramref name="trace"/>.</summary>
    /// <exception cref="ResultsFolderException">The folder cannot be created or written, or (without traces) holds a
    /// trace that no Sasg run listed, which would be read as this run's.</exception>
    public static RunFolder Prepare(string directory, bool trace)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var full = Path.GetFullPath(directory);
        try
        {
            System.IO.Directory.CreateDirectory(full);
            var held = Lock(full);
            try
            {
                return Clean(full, trace, held);
            }
            catch
            {
                held.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ResultsFolderException($"{full}: cannot write the results folder ({Reason(full, ex)}); give a folder you can write with --output", ex);
        }
    }

    /// <summary>Releases the folder's lock.</summary>
    public void Dispose() => _lock.Dispose();

    // Another live 'sasg run' holding the folder is one line (a dead one's lock is taken over).
    private static SweepLock Lock(string full)
    {
        try
        {
            return SweepLock.Acquire(Path.Combine(full, LockName), full, "sasg run");
        }
        catch (SweepFolderException ex)
        {
            throw new ResultsFolderException(ex.Message + ", or give another folder with --output", ex);
        }
    }

    private static RunFolder Clean(string full, bool trace, SweepLock held)
    {
        TemporaryFiles.Clean(full, includeOwn: false);
        foreach (var entry in FolderManifest.Read(full))
        {
            DeleteListed(full, entry);
        }

        if (!trace && ForeignTrace(full) is { } foreign)
        {
            throw new ResultsFolderException(
                $"{full}: holds {foreign}, which no Sasg run listed in {FolderManifest.FileName}; with outputs.trace off it "
                + "would be taken for this run's trace: move it away, or give another folder with --output");
        }

        FolderManifest.Write(full, ResultsFolder.FileNames.Concat(trace ? FolderManifest.TraceNames : []));
        return new RunFolder(full, held);
    }

    /// <summary>Deletes this process's temporary files in the folder (after a failure).</summary>
    public void CleanTemporaryFiles() => TemporaryFiles.Clean(Directory, includeOwn: true);

    // Deletes a listed file, never through a symbolic link: a link in place of the file, or a plots/ folder that is a
    // link, was not made by Sasg.
    private static void DeleteListed(string directory, string entry)
    {
        var file = new FileInfo(Path.Combine(directory, entry));
        if (entry.Contains('/', StringComparison.Ordinal) && file.Directory is not { Exists: true, LinkTarget: null })
        {
            return;
        }

        if (file.Exists && file.LinkTarget is null)
        {
            file.Delete();
        }
    }

    private static string? ForeignTrace(string directory) =>
        new[] { RunTraces.CsvName, RunTraces.JsonName, "trace-*.csv", "trace-*.json" }
            .SelectMany(pattern => System.IO.Directory.EnumerateFileSystemEntries(directory, pattern))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();

    private static string Reason(string directory, Exception ex)
    {
        if (DiskFull.Caused(ex))
        {
            return "the disk is full";
        }

        for (var path = directory; path is not null; path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                return path == directory ? "it is a file, not a folder" : $"{path} is a file, not a folder";
            }
        }

        return ex.Message.TrimEnd('.');
    }
}
