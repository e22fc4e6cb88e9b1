using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Sweeps;

/// <summary>A sweep's folder: manifest.json and scenario.json at the top, one results folder per cell under
/// <c>cells/&lt;cell-id&gt;/</c>. A cell counts as done only when its <c>done</c> marker exists; the marker is written
/// last, atomically, so a sweep killed at any moment leaves every cell either done or deleted on the next start.</summary>
/// <remarks>A folder opened with <see cref="Open"/> is locked (<c>sweep.lock</c>, <see cref="SweepLock"/>) until it is
/// disposed, so that two sweeps never run into one folder; a cell is written under its own lock
/// (<c>locks/&lt;cell-id&gt;.lock</c>, <see cref="LockCell"/>), and the clean-up of unfinished cells leaves a cell
/// alone while another process holds its lock.</remarks>
internal sealed class SweepFolder : IDisposable
{
    public const string DoneMarker = "done";
    public const string LockFile = "sweep.lock";
    public const string CellRows = "sweep-rows.csv";
    private const string Manifest = "manifest.json";
    private const string SourceFile = "scenario-source.json";

    private readonly SweepLock? _lock;

    private SweepFolder(string directory, SweepLock? folderLock = null)
    {
        Directory = directory;
        _lock = folderLock;
    }

    public string Directory { get; }

    /// <summary>What opening the folder took over (a lock whose process is gone), or null.</summary>
    public string? LockNote => _lock?.Note;

    /// <summary>Opens (or creates) the folder for <paramref name="scenario"/>: refuses one that holds another
    /// scenario's sweep or unrelated files, writes the manifest and resolved scenario, and deletes incomplete cells.</summary>
    /// <exception cref="SweepFolderException">The folder belongs to another scenario, is not a sweep folder, or another
    /// live process holds its lock.</exception>
    public static SweepFolder Open(string directory, Scenario scenario, IReadOnlyList<IReadOnlyList<Scenario>> groups, string role = "sweep")
    {
        var full = Path.GetFullPath(directory);
        RefuseForeign(full);
        SweepLock folderLock;
        try
        {
            System.IO.Directory.CreateDirectory(full);
            folderLock = LockFolder(full, role);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SweepFolderException($"{full} is not writable ({ex.Message}); give a folder you can write with --dir", ex);
        }

        try
        {
            return OpenLocked(full, scenario, groups, folderLock);
        }
        catch
        {
            folderLock.Dispose();
            throw;
        }
    }

    /// <summary>Takes the lock of the sweep folder <paramref name="directory"/> as <paramref name="role"/>, as
    /// everything that writes the folder's shared files does (<c>sasg sweep</c>, <c>collect</c>, a Slurm submission).</summary>
    /// <exception cref="SweepFolderException">A live process holds it.</exception>
    public static SweepLock LockFolder(string directory, string role)
    {
        var full = Path.GetFullPath(directory);
        return SweepLock.Acquire(Path.Combine(full, LockFile), full, role);
    }

    /// <summary>Who holds the lock of the sweep folder <paramref name="directory"/>, or null when no one does.</summary>
    public static SweepLockOwner? LockHolder(string directory) => SweepLock.ReadOwner(Path.Combine(directory, LockFile));

    // A folder with files but no manifest is not a sweep folder (a lock file alone is a sweep starting).
    private static void RefuseForeign(string full)
    {
        if (!File.Exists(Path.Combine(full, Manifest)) && System.IO.Directory.Exists(full)
            && System.IO.Directory.EnumerateFileSystemEntries(full).Any(e => Path.GetFileName(e) != LockFile))
        {
            throw new SweepFolderException(
                $"{full} is not empty and has no {Manifest}, so it is not a sweep folder; give a new or empty folder with --dir");
        }
    }

    private static SweepFolder OpenLocked(string full, Scenario scenario, IReadOnlyList<IReadOnlyList<Scenario>> groups, SweepLock folderLock)
    {
        var resolved = scenario.ToResolvedJson();
        var hash = HashOf(resolved);
        var manifestPath = Path.Combine(full, Manifest);
        if (File.Exists(manifestPath))
        {
            var existing = CellResultsReader.ReadJson(manifestPath);
            if ((string?)existing["scenarioHash"] != hash)
            {
                throw new SweepFolderException(
                    $"{full} holds the sweep of another scenario ('{(string?)existing["scenario"]}', or the same one since edited); "
                    + "give another --dir, or delete the folder to start this sweep afresh");
            }
        }
        else
        {
            // Again under the lock: another process may have written the folder since the first look.
            RefuseForeign(full);
        }

        try
        {
            AtomicFile.WriteAllText(manifestPath, SweepManifestJson.Manifest(scenario, hash, groups));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SweepFolderException($"{full} is not writable ({ex.Message}); give a folder you can write with --dir", ex);
        }

        AtomicFile.WriteAllText(Path.Combine(full, "scenario.json"), resolved);
        // The resolved scenario.json cannot always be parsed again (a sweep over data.workers meets per-worker lists
        // resolved for the base count), so 'sasg sweep collect' and cluster tasks parse the scenario as written.
        var source = new JObject
        {
            ["file"] = scenario.File,
            ["baseDirectory"] = scenario.BaseDirectory,
            ["scenario"] = scenario.Source.DeepClone(),
        };
        AtomicFile.WriteAllText(Path.Combine(full, SourceFile), SweepManifestJson.Indented(source));
        var folder = new SweepFolder(full, folderLock);
        folder.Clean();
        return folder;
    }

    /// <summary>Attaches to an existing sweep folder for <paramref name="scenario"/> without writing or deleting
    /// anything, as a task of a cluster sweep does while other tasks write their cells next to it.</summary>
    /// <exception cref="SweepFolderException">The folder has no manifest, or it belongs to another scenario.</exception>
    public static SweepFolder Attach(string directory, Scenario scenario)
    {
        var full = Path.GetFullPath(directory);
        var manifest = ReadManifest(full);
        if ((string?)manifest["scenarioHash"] != HashOf(scenario.ToResolvedJson()))
        {
            throw new SweepFolderException(
                $"{full} holds the sweep of another scenario ('{(string?)manifest["scenario"]}', or the same one since edited); "
                + "give another --dir, or delete the folder to start this sweep afresh");
        }

        return new SweepFolder(full);
    }

    /// <summary>The manifest of the sweep folder <paramref name="directory"/>.</summary>
    /// <exception cref="SweepFolderException">There is no manifest.json: it is not a sweep folder.</exception>
    public static JObject ReadManifest(string directory)
    {
        var path = Path.Combine(directory, Manifest);
        if (!File.Exists(path))
        {
            throw new SweepFolderException(
                $"{directory} has no {Manifest}, so it is not a sweep folder; give the folder that 'sasg sweep <scenario> --dir' wrote");
        }

        return CellResultsReader.ReadJson(path);
    }

    /// <summary>The scenario of the sweep folder <paramref name="directory"/>, parsed as it was written (against its
    /// own folder, for relative paths); folders written before scenario-source.json existed give scenario.json.</summary>
    /// <exception cref="SweepFolderException">It is not a sweep folder.</exception>
    /// <exception cref="ScenarioException">The scenario no longer parses (for example a data file has gone).</exception>
    public static Scenario LoadScenario(string directory)
    {
        var full = Path.GetFullPath(directory);
        ReadManifest(full);
        var path = Path.Combine(full, SourceFile);
        if (!File.Exists(path))
        {
            return ScenarioLoader.LoadResolved(Path.Combine(full, "scenario.json"));
        }

        var source = CellResultsReader.ReadJson(path);
        return ScenarioLoader.Parse(source["scenario"]!.ToString(), (string)source["file"]!, (string?)source["baseDirectory"]);
    }

    /// <summary>The scenario file the sweep folder <paramref name="directory"/> was started with, or null when the
    /// folder predates scenario-source.json.</summary>
    public static string? SourceFileOf(string directory)
    {
        var path = Path.Combine(directory, SourceFile);
        return File.Exists(path) ? (string?)CellResultsReader.ReadJson(path)["file"] : null;
    }

    /// <summary>SHA-256 (lower-case hex) of a resolved scenario's JSON, as the manifest records it.</summary>
    public static string HashOf(string resolvedJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resolvedJson)));

    public string CellDirectory(Scenario cell) => CellDirectory(cell.Cell!.Id);

    public string CellDirectory(string id) => Path.Combine(Directory, "cells", id);

    /// <summary>Takes the lock of <paramref name="cell"/> as <paramref name="role"/>, under which its folder is
    /// discarded and written.</summary>
    /// <exception cref="SweepFolderException">A live process holds it (another task or sweep writes the cell).</exception>
    public SweepLock LockCell(Scenario cell, string role) =>
        SweepLock.Acquire(CellLockPath(cell.Cell!.Id), CellDirectory(cell), role);

    /// <summary>Deletes what an interrupted run of <paramref name="cell"/> left (nothing when it is done), unless
    /// another process holds the cell's lock; returns whether the cell is now done or absent.</summary>
    public bool DiscardIncompleteUnlocked(Scenario cell)
    {
        if (IsDone(cell) || !System.IO.Directory.Exists(CellDirectory(cell)))
        {
            return true;
        }

        if (!SweepLock.TryAcquire(CellLockPath(cell.Cell!.Id), "sweep", out var cellLock, out _))
        {
            return false;
        }

        using (cellLock)
        {
            DiscardIncomplete(cell);
        }

        return true;
    }

    /// <summary>Deletes what an interrupted run of <paramref name="cell"/> left (nothing when it is done); the caller
    /// holds the cell's lock.</summary>
    public void DiscardIncomplete(Scenario cell)
    {
        var directory = CellDirectory(cell);
        if (System.IO.Directory.Exists(directory) && !File.Exists(Path.Combine(directory, DoneMarker)))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    public bool IsDone(Scenario cell) => IsDone(cell.Cell!.Id);

    public bool IsDone(string id) => File.Exists(Path.Combine(CellDirectory(id), DoneMarker));

    /// <summary>Writes the cell's results folder and its rows of the combined CSV, then the done marker; a replayed
    /// cell links <paramref name="decisionsFile"/> (its group's finished cell's decisions.csv) as its own.</summary>
    /// <remarks>Only the marker and the cell's folder are flushed to disk: the files before them are written in
    /// place, since a cell without its marker is discarded whole. A process killed at any moment thus leaves the cell
    /// done or discarded on the next start.</remarks>
    public void Complete(Scenario cell, RunPlan plan, IReadOnlyList<AlgorithmResult> results, string? decisionsFile)
    {
        var directory = CellDirectory(cell);
        ResultsFolder.WriteCell(directory, plan, results, cell.ToResolvedJson(), decisionsFile);
        File.WriteAllText(Path.Combine(directory, CellRows), SweepCsv.Rows(cell, plan, results));
        var how = decisionsFile is null ? "trained" : "replayed";
        AtomicFile.WriteAllText(
            Path.Combine(directory, DoneMarker),
            string.Create(CultureInfo.InvariantCulture, $"{cell.Cell!.Id} {cell.Cell.Label} {how}\n"));
        NativeFiles.SyncDirectory(directory);
    }

    /// <summary>The cell's rows of the combined CSV, as it wrote them.</summary>
    public string RowsOf(string id) => File.ReadAllText(Path.Combine(CellDirectory(id), CellRows));

    /// <summary>Releases the folder's lock (if it was opened with <see cref="Open"/>).</summary>
    public void Dispose() => _lock?.Dispose();

    private string CellLockPath(string id) => Path.Combine(Directory, "locks", id + ".lock");

    // A cell without its marker was cut short: whatever it wrote is discarded, unless another process holds its lock
    // (a cluster task writing it now). Temporary files of atomic writes that a kill left behind go too.
    private void Clean()
    {
        var cells = Path.Combine(Directory, "cells");
        if (System.IO.Directory.Exists(cells))
        {
            foreach (var cell in System.IO.Directory.EnumerateDirectories(cells))
            {
                var id = Path.GetFileName(cell);
                if (File.Exists(Path.Combine(cell, DoneMarker)) || !SweepLock.TryAcquire(CellLockPath(id), "sweep", out var cellLock, out _))
                {
                    continue;
                }

                using (cellLock)
                {
                    if (!File.Exists(Path.Combine(cell, DoneMarker)))
                    {
                        System.IO.Directory.Delete(cell, recursive: true);
                    }
                }
            }
        }

        foreach (var temporary in System.IO.Directory.EnumerateFiles(Directory, "*.tmp-*", SearchOption.TopDirectoryOnly))
        {
            File.Delete(temporary);
        }
    }
}
