using System.Globalization;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Sweeps;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Sweeps;

[NonParallelizable]
public sealed class SweepRunnerTests
{
    [Test]
    public void Run_TinySweep_PersistsEveryCell_AndTrainsOncePerLearningGroup()
    {
        using var folder = new TemporaryDirectory();
        var scenario = TinySweep.Scenario();

        var outcome = SweepRunner.Run(scenario, folder.Path, new SweepOptions { Parallelism = 2 });

        var cells = scenario.Expand().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Cells, Is.EqualTo(8));
            Assert.That(outcome.CellsRun, Is.EqualTo(8));
            Assert.That(outcome.CellsAlreadyDone, Is.Zero);
            Assert.That(outcome.TrainingRuns, Is.EqualTo(2), "one training per worker count; the network cells are replays");
            foreach (var cell in cells)
            {
                var directory = CellDirectory(folder, cell.Cell!.Id);
                foreach (var file in new[] { "done", "metrics.csv", "decisions.csv", "summary.json", "report.md", "scenario.json", "sweep-rows.csv" })
                {
                    Assert.That(File.Exists(Path.Combine(directory, file)), Is.True, $"{cell.Cell.Label}: {file}");
                }
            }

            Assert.That(File.Exists(Path.Combine(folder.Path, "manifest.json")), Is.True);
            Assert.That(File.Exists(Path.Combine(folder.Path, "scenario.json")), Is.True);
            Assert.That(File.ReadAllLines(outcome.CsvPath), Has.Length.EqualTo(1 + (8 * 3)));
        }
    }

    [Test]
    public void Run_NetworkOnlyCells_ReplayTheDecisionsOfTheirGroupsTraining()
    {
        using var folder = new TemporaryDirectory();
        var scenario = TinySweep.Scenario();

        SweepRunner.Run(scenario, folder.Path, new SweepOptions { Parallelism = 1 });

        var cells = scenario.Expand().ToList();
        using (Assert.EnterMultipleScope())
        {
            foreach (var cell in cells)
            {
                var trained = cells.First(c => c.Data.Workers == cell.Data.Workers);
                var decisions = File.ReadAllText(Path.Combine(CellDirectory(folder, cell.Cell!.Id), "decisions.csv"));
                var groupDecisions = File.ReadAllText(Path.Combine(CellDirectory(folder, trained.Cell!.Id), "decisions.csv"));
                Assert.That(decisions, Is.EqualTo(groupDecisions), cell.Cell.Label);
                Assert.That(
                    File.ReadAllText(Path.Combine(CellDirectory(folder, cell.Cell.Id), "done")),
                    Does.EndWith(cell.Cell.Index == trained.Cell.Index ? "trained\n" : "replayed\n"),
                    cell.Cell.Label);
            }
        }
    }

    [TestCase(3)]
    [TestCase(6)]
    [TestCase(7)]
    public void Run_ReplayedCell_HasExactlyTheTimesOfADirectRunOfThatCell(int index)
    {
        using var folder = new TemporaryDirectory();
        var scenario = TinySweep.Scenario();
        var outcome = SweepRunner.Run(scenario, folder.Path, new SweepOptions { Parallelism = 2 });
        var cell = scenario.Expand().ElementAt(index);

        var direct = ExperimentDriver.Run(ScenarioPlanner.Plan(cell));

        var rows = SweepRows(outcome.CsvPath).Where(r => r["cell_id"] == cell.Cell!.Id).ToList();
        var metrics = File.ReadAllLines(Path.Combine(CellDirectory(folder, cell.Cell!.Id), "metrics.csv"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(cell.Cell.NetworkOnlyVariant, Is.True);
            Assert.That(rows.Select(r => r["algorithm"]), Is.EqualTo(direct.Select(r => r.Label)));
            foreach (var (row, result) in rows.Zip(direct))
            {
                Assert.That(double.Parse(row["simulated_seconds"], CultureInfo.InvariantCulture), Is.EqualTo(result.SimulatedSeconds), result.Label);
                Assert.That(row["uploads"], Is.EqualTo(result.Uploads.ToString(CultureInfo.InvariantCulture)), result.Label);
            }

            Assert.That(
                string.Join('\n', metrics.Skip(1)) + "\n",
                Is.EqualTo(CsvTables.Metrics(direct.SelectMany(r => r.Metrics)).Split('\n', 2)[1]),
                "every metrics row, times included");
        }
    }

    [Test]
    public void Run_WithAnotherParallelism_GivesByteIdenticalFiles()
    {
        using var one = new TemporaryDirectory();
        using var two = new TemporaryDirectory();
        var scenario = TinySweep.Scenario();

        SweepRunner.Run(scenario, one.Path, new SweepOptions { Parallelism = 1 });
        SweepRunner.Run(scenario, two.Path, new SweepOptions { Parallelism = 4 });

        var files = FilesOf(one.Path);
        Assert.That(FilesOf(two.Path), Is.EqualTo(files));
        Assert.That(files, Does.Contain("sweep.csv").And.Contain("sweep.parquet").And.Contain(Path.Combine("cells", scenario.Expand().Last().Cell!.Id, "metrics.csv")));
        using (Assert.EnterMultipleScope())
        {
            foreach (var file in files)
            {
                Assert.That(File.ReadAllBytes(Path.Combine(two.Path, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one.Path, file))), file);
            }
        }
    }

    [Test]
    public void Run_ReplayedCells_LinkTheDecisionsCsvOfTheirGroupsTraining()
    {
        Assume.That(OperatingSystem.IsLinux(), "hard links are made through libc");
        using var folder = new TemporaryDirectory();
        var scenario = TinySweep.Scenario();
        SweepRunner.Run(scenario, folder.Path, new SweepOptions { Parallelism = 2 });
        var cells = scenario.Expand().ToList();
        var trained = cells[0];
        var replayed = cells.Where(c => c.Data.Workers == trained.Data.Workers).Skip(1).ToList();
        var before = new FileInfo(Path.Combine(CellDirectory(folder, replayed[0].Cell!.Id), "decisions.csv")).Length;

        // One file under several names: a change through the trained cell's name shows through every replayed one.
        File.AppendAllText(Path.Combine(CellDirectory(folder, trained.Cell!.Id), "decisions.csv"), "x");

        Assert.That(
            replayed.Select(c => new FileInfo(Path.Combine(CellDirectory(folder, c.Cell!.Id), "decisions.csv")).Length).ToList(),
            Has.Count.EqualTo(3).And.All.EqualTo(before + 1));
    }

    [Test]
    public void Run_Again_SkipsDoneCells_AndRedoesACellWithoutItsDoneMarker()
    {
        using var folder = new TemporaryDirectory();
        var scenario = TinySweep.Scenario();
        var first = SweepRunner.Run(scenario, folder.Path, new SweepOptions { Parallelism = 2 });
        var csv = File.ReadAllBytes(first.CsvPath);
        var cells = scenario.Expand().ToList();
        var broken = cells[0];
        File.Delete(Path.Combine(CellDirectory(folder, broken.Cell!.Id), "done"));
        File.Delete(Path.Combine(CellDirectory(folder, broken.Cell.Id), "metrics.csv"));
        var markers = cells.Skip(1).ToDictionary(c => c.Cell!.Id, c => File.GetLastWriteTimeUtc(Path.Combine(CellDirectory(folder, c.Cell!.Id), "done")));
        Thread.Sleep(20);

        var second = SweepRunner.Run(scenario, folder.Path, new SweepOptions { Parallelism = 2 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.CellsAlreadyDone, Is.EqualTo(7));
            Assert.That(second.CellsRun, Is.EqualTo(1));
            Assert.That(second.TrainingRuns, Is.Zero, "the group's finished cells stand in for its training");
            Assert.That(File.Exists(Path.Combine(CellDirectory(folder, broken.Cell.Id), "done")), Is.True);
            Assert.That(File.Exists(Path.Combine(CellDirectory(folder, broken.Cell.Id), "metrics.csv")), Is.True);
            foreach (var (id, time) in markers)
            {
                Assert.That(File.GetLastWriteTimeUtc(Path.Combine(CellDirectory(folder, id), "done")), Is.EqualTo(time), id);
            }

            Assert.That(File.ReadAllBytes(second.CsvPath), Is.EqualTo(csv));
        }
    }

    [Test]
    public void Run_IntoTheFolderOfAnotherScenario_IsRefused()
    {
        using var folder = new TemporaryDirectory();
        SweepRunner.Run(TinySweep.Scenario(TinySweep.Json(iterations: 5)), folder.Path);

        Assert.That(
            () => SweepRunner.Run(TinySweep.Scenario(TinySweep.Json(iterations: 6)), folder.Path),
            Throws.TypeOf<SweepFolderException>().With.Message.Contains("another scenario").And.Message.Contains(folder.Path));
    }

    [Test]
    public void Run_IntoANonEmptyFolderWithoutManifest_IsRefused()
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile("notes.txt", "mine");

        Assert.That(
            () => SweepRunner.Run(TinySweep.Scenario(TinySweep.Json(iterations: 5)), folder.Path),
            Throws.TypeOf<SweepFolderException>().With.Message.Contains("not a sweep folder"));
    }

    [Test]
    public void Run_WithATargetAndPlots_FillsToTargetColumns_AndDrawsEveryMetricAgainstEveryAxis()
    {
        using var folder = new TemporaryDirectory();
        var json = TinySweep.Json();
        json["stop"] = JObject.Parse("""{ "objectiveError": 1e-3 }""");
        json["outputs"]!["plots"] = true;

        var outcome = SweepRunner.Run(TinySweep.Scenario(json), folder.Path);

        var rows = SweepRows(outcome.CsvPath);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows.Where(r => r["stop_reason"] == "objective").Select(r => r["seconds_to_target"]), Has.All.Not.Empty);
            Assert.That(rows.Where(r => r["stop_reason"] == "iterations").Select(r => r["seconds_to_target"]), Has.All.Empty);
            foreach (var metric in new[] { "simulated-seconds", "uploads", "seconds-to-target" })
            {
                foreach (var axis in new[] { "network.uplink", "network.ingress", "data.workers" })
                {
                    Assert.That(File.Exists(Path.Combine(folder.Path, "plots", $"{metric}-vs-{axis}.png")), Is.True, $"{metric} vs {axis}");
                    Assert.That(File.Exists(Path.Combine(folder.Path, "plots", $"{metric}-vs-{axis}.svg")), Is.True, $"{metric} vs {axis}");
                }
            }
        }
    }

    [Test]
    public void Run_WithMoreCombinationsThanMarkerShapes_NamesTheCombinationsOnceInTheLegend_AndThinsTheTickLabels()
    {
        using var folder = new TemporaryDirectory();
        var json = TinySweep.Json(iterations: 5);
        json["outputs"]!["plots"] = true;
        var latencies = Enumerable.Range(1, 14).Select(i => $"{i * 10}us").ToArray();
        var uplinks = Enumerable.Range(1, 25).Select(i => $"{i}Mbps").ToArray();
        json["sweep"] = new JObject { ["network.uplink"] = new JArray(uplinks), ["network.latency"] = new JArray(latencies) };

        SweepRunner.Run(TinySweep.Scenario(json), folder.Path);

        // ScottPlot writes each text on its own line inside a <text> element.
        var texts = File.ReadAllLines(Path.Combine(folder.Path, "plots", "uploads-vs-network.uplink.svg")).Select(l => l.Trim()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(texts, Has.Member("14 other-axis combinations (markers repeat)"), "one legend entry for 14 latencies");
            Assert.That(texts.Where(t => t.Contains("latency=", StringComparison.Ordinal)), Is.Empty, "no legend entry per combination");
            Assert.That(texts, Has.Member("1Mbps").And.Member("4Mbps"), "every third of 25 uplinks labelled");
            Assert.That(texts, Has.No.Member("2Mbps"));
        }
    }

    [Test]
    public void Run_WithTraces_GivesEveryCellARunsTraceCsvAndJson_TrainedOrReplayed()
    {
        using var folder = new TemporaryDirectory();
        var json = TinySweep.Json(iterations: 5);
        json["outputs"]!["trace"] = true;

        SweepRunner.Run(TinySweep.Scenario(json), folder.Path);

        var cells = Directory.GetDirectories(Path.Combine(folder.Path, "cells"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(cells, Has.Length.EqualTo(8));
            foreach (var cell in cells)
            {
                var lines = File.ReadAllLines(Path.Combine(cell, RunTraces.CsvName));
                Assert.That(lines[0], Is.EqualTo(Sasg.Experiments.Results.Plots.TraceCsv.CombinedHeader), cell);
                Assert.That(lines.Skip(1).Select(l => l.Split(',')[0]).Distinct(), Is.EqualTo(new[] { "GD", "LAG-WK", "LAG-PS" }), cell);
                Assert.That(File.Exists(Path.Combine(cell, RunTraces.JsonName)), Is.True, cell);
            }
        }
    }

    [Test]
    public void Run_CsvHeader_HasTheAxisPathsBetweenCellIdAndAlgorithm()
    {
        using var folder = new TemporaryDirectory();

        var outcome = SweepRunner.Run(TinySweep.Scenario(TinySweep.Json(iterations: 5)), folder.Path);

        Assert.That(
            File.ReadLines(outcome.CsvPath).First(),
            Is.EqualTo("cell_id,network.uplink,network.ingress,data.workers,algorithm,iterations,uploads,upload_bytes,paper_bits,"
                + "simulated_seconds,final_train_loss,final_test_accuracy,final_objective_error,stop_reason,"
                + "iteration_to_target,uploads_to_target,paper_bits_to_target,seconds_to_target"));
    }

    private static List<string> FilesOf(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f))
            .Order(StringComparer.Ordinal)];

    private static string CellDirectory(TemporaryDirectory folder, string id) => Path.Combine(folder.Path, "cells", id);

    private static List<Dictionary<string, string>> SweepRows(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
