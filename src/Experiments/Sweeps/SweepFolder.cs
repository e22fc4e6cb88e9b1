using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Sweeps;

/// <summary>A sweep's folder: manifest.json and scenario.json at the top, one results folder per cell under
/// <c>cells/&lt;cell-id&gt;/</c>. A cell counts as done only when its <c>done</c> marker exists; the marker is written
/// last, atomically, so a sweep killed at any moment leaves every cell either done or deleted on the next start.</summary>
internal sealed class SweepFolder
{
    public const string DoneMarker = "done";
    public const string CellRows = "sweep-rows.csv";
    private const string Manifest = "manifest.json";
    private const string SourceFile = "scenario-source.json";

    private SweepFolder(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>Opens (or creates) the folder for <paramref name="scenario"/>: refuses one that holds another
    /// scenario's sweep or unrelated files, writes the manifest and resolved scenario, and deletes incomplete cells.</summary>
    /// <exception cref="SweepFolderException">The folder belongs to another scenario or is not a sweep folder.</exception>
    public static SweepFolder Open(string directory, Scenario scenario, IReadOnlyList<IReadOnlyList<Scenario>> groups)
    {
        var full = Path.GetFullPath(directory);
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
        else if (System.IO.Directory.Exists(full) && System.IO.Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new SweepFolderException(
                $"{full} is not empty and has no {Manifest}, so it is not a sweep folder; give a new or empty folder with --dir");
        }

        try
        {
            System.IO.Directory.CreateDirectory(full);
            AtomicFile.WriteAllText(manifestPath, ManifestJson(scenario, hash, groups));
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
        AtomicFile.WriteAllText(Path.Combine(full, SourceFile), Indented(source));
        var folder = new SweepFolder(full);
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
            return ScenarioLoader.Load(Path.Combine(full, "scenario.json"));
        }

        var source = CellResultsReader.ReadJson(path);
        return ScenarioLoader.Parse(source["scenario"]!.ToString(), (string)source["file"]!, (string?)source["baseDirectory"]);
    }

    /// <summary>SHA-256 (lower-case hex) of a resolved scenario's JSON, as the manifest records it.</summary>
    public static string HashOf(string resolvedJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resolvedJson)));

    public string CellDirectory(Scenario cell) => CellDirectory(cell.Cell!.Id);

    public string CellDirectory(string id) => Path.Combine(Directory, "cells", id);

    /// <summary>Deletes what an interrupted run of <paramref name="cell"/> left (nothing when it is done).</summary>
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

    /// <summary>Writes the cell's results folder and its rows of the combined CSV, then the done marker.</summary>
    public void Complete(Scenario cell, RunPlan plan, IReadOnlyList<AlgorithmResult> results, bool replayed)
    {
        var directory = CellDirectory(cell);
        ResultsFolder.Write(directory, plan, results, cell.ToResolvedJson());
        AtomicFile.WriteAllText(Path.Combine(directory, CellRows), SweepCsv.Rows(cell, plan, results));
        AtomicFile.WriteAllText(
            Path.Combine(directory, DoneMarker),
            string.Create(CultureInfo.InvariantCulture, $"{cell.Cell!.Id} {cell.Cell.Label} {(replayed ? "replayed" : "trained")}\n"));
    }

    /// <summary>The cell's rows of the combined CSV, as it wrote them.</summary>
    public string RowsOf(string id) => File.ReadAllText(Path.Combine(CellDirectory(id), CellRows));

    // A cell without its marker was cut short: whatever it wrote is discarded. Temporary files of atomic writes that
    // a kill left behind go too.
    private void Clean()
    {
        var cells = Path.Combine(Directory, "cells");
        if (System.IO.Directory.Exists(cells))
        {
            foreach (var cell in System.IO.Directory.EnumerateDirectories(cells))
            {
                if (!File.Exists(Path.Combine(cell, DoneMarker)))
                {
                    System.IO.Directory.Delete(cell, recursive: true);
                }
            }
        }

        foreach (var temporary in System.IO.Directory.EnumerateFiles(Directory, "*.tmp-*", SearchOption.TopDirectoryOnly))
        {
            File.Delete(temporary);
        }
    }

    private static string ManifestJson(Scenario scenario, string hash, IReadOnlyList<IReadOnlyList<Scenario>> groups)
    {
        var cells = groups
            .SelectMany(g => g.Select(c => (Cell: c, Group: g[0].Cell!.Id)))
            .OrderBy(c => c.Cell.Cell!.Index)
            .ToList();
        var manifest = new JObject
        {
            ["scenario"] = scenario.Name,
            ["scenarioHash"] = hash,
            ["axes"] = new JArray(scenario.Sweep!.Axes.Select(a => a.Path)),
            ["cells"] = new JArray(cells.Select(c => new JObject
            {
                ["index"] = c.Cell.Cell!.Index,
                ["id"] = c.Cell.Cell.Id,
                ["label"] = c.Cell.Cell.Label,
                ["values"] = new JObject(c.Cell.Cell.Values.Select(v => new JProperty(v.Key, v.Value.DeepClone()))),
                ["learningGroup"] = c.Group,
            })),
        };
        return Indented(manifest);
    }

    private static string Indented(JObject value)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, Culture = CultureInfo.InvariantCulture })
        {
            value.WriteTo(json);
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }
}
