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

    private SweepFolder(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>Opens (or creates) the folder for <paramref name="scenario"/>: refuses one that holds another
    /// scenario's sweep or unrelated files, writes the manifest and resolved scenario, and deletes incomplete cells.</summary>
    /// <exception cref="SweepFolderException">The folder belongs to another scenario or is not a sweep folder.</exception>
    public static SweepFolder Open(string directory, Scenario scenario, IReadOnlyList<IReadOnlyList<Scenario>> groups)
    {
        var full = Path.GetFullPath(directory);
        var resolved = scenario.ToResolvedJson();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resolved)));
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

        System.IO.Directory.CreateDirectory(full);
        AtomicFile.WriteAllText(manifestPath, ManifestJson(scenario, hash, groups));
        AtomicFile.WriteAllText(Path.Combine(full, "scenario.json"), resolved);
        var folder = new SweepFolder(full);
        folder.Clean();
        return folder;
    }

    public string CellDirectory(Scenario cell) => Path.Combine(Directory, "cells", cell.Cell!.Id);

    public bool IsDone(Scenario cell) => File.Exists(Path.Combine(CellDirectory(cell), DoneMarker));

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
    public string RowsOf(Scenario cell) => File.ReadAllText(Path.Combine(CellDirectory(cell), CellRows));

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
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, Culture = CultureInfo.InvariantCulture })
        {
            manifest.WriteTo(json);
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }
}
