using System.Text;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Sweeps;

/// <summary>Writes a sweep's combined CSV (the header, then every cell's <c>sweep-rows.csv</c> in cell order) and its
/// plots. The same code serves the local engine and <c>sasg sweep collect</c>, so both give the same bytes.</summary>
public static class SweepCollector
{
    /// <summary>Writes <c>sweep.csv</c> and (when the scenario asks for plots) <c>plots/</c> in the sweep folder
    /// <paramref name="directory"/>, whose every cell must be done; returns the CSV's path.</summary>
    /// <exception cref="SweepFolderException">The folder is not a sweep folder, holds another scenario, or some
    /// cells are not done (the message says how many and the command that tells which).</exception>
    public static string Collect(string directory)
    {
        var full = Path.GetFullPath(directory);
        var scenario = SweepFolder.LoadScenario(full);
        var folder = SweepFolder.Attach(full, scenario);
        var cells = scenario.Expand().ToList();
        var missing = cells.Where(c => !folder.IsDone(c)).ToList();
        if (missing.Count > 0)
        {
            throw new SweepFolderException(
                $"{full}: {missing.Count} of {cells.Count} cells are not done (first: {missing[0].Cell!.Id} {missing[0].Cell!.Label}); "
                + $"see 'sasg sweep status {full}', then 'sasg sweep resubmit {full}'");
        }

        return Write(folder, scenario, cells);
    }

    internal static string Write(SweepFolder folder, Scenario scenario, IReadOnlyList<Scenario> cells)
    {
        var csvPath = Path.Combine(folder.Directory, "sweep.csv");
        var csv = new StringBuilder(SweepCsv.Header(scenario.Sweep!.Axes));
        foreach (var cell in cells)
        {
            csv.Append(folder.RowsOf(cell));
        }

        AtomicFile.WriteAllText(csvPath, csv.ToString());
        if (scenario.Outputs.Plots)
        {
            SweepPlots.Write(Path.Combine(folder.Directory, "plots"), scenario.Sweep, cells, csv.ToString());
        }

        return csvPath;
    }
}
