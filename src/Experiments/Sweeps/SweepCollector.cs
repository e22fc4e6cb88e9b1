using System.Text;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Sweeps;

/// <summary>Writes a sweep's combined CSV (the header, then every cell's <c>sweep-rows.csv</c> in cell order), the same
/// table as <c>sweep.parquet</c>, and its plots. The same code serves the local engine and <c>sasg sweep collect</c>, so both give the same bytes.</summary>
public static class SweepCollector
{
    /// <summary>Writes <c>sweep.csv</c>, <c>sweep.parquet</c> and (when the scenario asks for plots) <c>plots/</c> in the sweep folder
    /// <paramref name="directory"/>, whose every cell must be done; returns the CSV's path. The cells are read from the
    /// manifest, so the scenario is parsed but never expanded (fast on sweeps of many thousand cells).</summary>
    /// <param name="directory">The sweep folder.</param>
    /// <param name="plots">False skips the plots even when the scenario asks for them (rendering dominates on sweeps
    /// of thousands of cells).</param>
    /// <exception cref="SweepFolderException">The folder is not a sweep folder, holds another scenario, or some
    /// cells are not done (the message says how many and the command that tells which), or another live process holds
    /// the folder's lock (a sweep running into it).</exception>
    public static string Collect(string directory, bool plots = true)
    {
        var full = Path.GetFullPath(directory);
        var scenario = SweepFolder.LoadScenario(full);
        var folder = SweepFolder.Attach(full, scenario);
        using var collecting = SweepFolder.LockFolder(full, "sweep collect");
        var cells = ManifestCells(SweepFolder.ReadManifest(full));
        var missing = cells.Where(c => !folder.IsDone(c.Id)).ToList();
        if (missing.Count > 0)
        {
            throw new SweepFolderException(
                $"{full}: {missing.Count} of {cells.Count} cells are not done (first: {missing[0].Id} {missing[0].Label}); "
                + $"see 'sasg sweep status {full}', then 'sasg sweep resubmit {full}'");
        }

        return Write(folder, scenario, cells, plots);
    }

    internal static string Write(SweepFolder folder, Scenario scenario, IReadOnlyList<ScenarioCell> cells, bool plots = true)
    {
        var csvPath = Path.Combine(folder.Directory, "sweep.csv");
        var csv = new StringBuilder(SweepCsv.Header(scenario.Sweep!.Axes));
        foreach (var cell in cells)
        {
            csv.Append(folder.RowsOf(cell.Id));
        }

        AtomicFile.WriteAllText(csvPath, csv.ToString());
        SweepParquet.Write(Path.Combine(folder.Directory, "sweep.parquet"), csv.ToString(), scenario.Sweep.Axes);
        if (plots && scenario.Outputs.Plots)
        {
            SweepPlots.Write(Path.Combine(folder.Directory, "plots"), scenario.Sweep, cells, csv.ToString());
        }

        return csvPath;
    }

    // The manifest's cells in index order; the learning key is the group's first cell id (what the manifest records).
    private static List<ScenarioCell> ManifestCells(JObject manifest)
    {
        var cells = ((JArray)manifest["cells"]!).OrderBy(c => (int)c["index"]!).ToList();
        var firstOfGroup = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupSizes = cells.GroupBy(c => (string)c["learningGroup"]!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return cells.Select(c =>
        {
            var group = (string)c["learningGroup"]!;
            var index = (int)c["index"]!;
            firstOfGroup.TryAdd(group, index);
            return new ScenarioCell(
                index,
                (string)c["id"]!,
                (string)c["label"]!,
                ((JObject)c["values"]!).Properties().Select(p => new KeyValuePair<string, JToken>(p.Name, p.Value)).ToList(),
                group,
                firstOfGroup[group],
                groupSizes[group] > 1);
        }).ToList();
    }
}
