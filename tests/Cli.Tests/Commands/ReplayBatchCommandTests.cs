using Sasg.Experiments.Replay;
using Sasg.TestSupport;

namespace Sasg.Cli.Tests.Commands;

/// <summary>sasg replay through many networks (option values, --grid) into one summary, and replay from
/// decisions.parquet.</summary>
public sealed class ReplayBatchCommandTests
{
    [Test]
    public void Replay_WithSeveralValues_WritesOneRowPerNetwork_InTheirProductOrder()
    {
        using var folder = ReplayCommandTests.Copy();
        using var output = new TemporaryDirectory();

        var result = ReplayCommandTests.Replay(folder.Path, "--uplink", "1Mbps,2Mbps", "--latency", "1ms", "--latency", "5ms", "--output", output.Path);

        var lines = File.ReadAllLines(Path.Combine(output.Path, "replays.csv"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Code, Is.Zero, result.Error);
            Assert.That(lines.Skip(1).Select(l => string.Join(',', l.Split(',').Skip(1).Take(3).Where((_, i) => i != 1))),
                Is.EqualTo(new[] { "1000000,1000000", "1000000,5000000", "2000000,1000000", "2000000,5000000" }));
            Assert.That(File.Exists(Path.Combine(output.Path, "replays.parquet")), Is.True);
        }
    }

    [Test]
    public void Replay_OfAGrid_GivesTheRowsOfTheSameNetworksGivenAsOptions()
    {
        using var folder = ReplayCommandTests.Copy();
        using var fromGrid = new TemporaryDirectory();
        using var fromOptions = new TemporaryDirectory();
        var grid = fromGrid.WriteFile("grid.csv", "uplink,ingress\n1Mbps,fair-share\n2Mbps,\n\n");

        var gridResult = ReplayCommandTests.Replay(folder.Path, "--grid", grid, "--output", Path.Combine(fromGrid.Path, "out"));
        ReplayCommandTests.Replay(folder.Path, "--uplink", "1Mbps", "--ingress", "fair-share", "--output", Path.Combine(fromOptions.Path, "a"));
        ReplayCommandTests.Replay(folder.Path, "--uplink", "2Mbps", "--output", Path.Combine(fromOptions.Path, "b"));

        var rows = File.ReadAllLines(Path.Combine(fromGrid.Path, "out", "replays.csv"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(gridResult.Code, Is.Zero, gridResult.Error);
            Assert.That(rows[1], Is.EqualTo(File.ReadAllLines(Path.Combine(fromOptions.Path, "a", "replays.csv"))[1]));
            Assert.That(rows[2][1..], Is.EqualTo(File.ReadAllLines(Path.Combine(fromOptions.Path, "b", "replays.csv"))[1][1..]));
        }
    }

    [Test]
    public void Replay_FromParquet_WritesTheSameBytesAsFromCsv()
    {
        using var csv = ReplayCommandTests.Copy();
        using var parquet = ReplayCommandTests.Copy();
        WriteParquet(parquet.Path, parquet.Path);
        File.Delete(Path.Combine(parquet.Path, "decisions.csv"));
        using var output = new TemporaryDirectory();
        string[] networks = ["--uplink", "1Mbps,3Mbps,10Mbps", "--ingress", "sequential-push,fair-share,unlimited"];

        ReplayCommandTests.Replay(csv.Path, [.. networks, "--output", Path.Combine(output.Path, "csv")]);
        var result = ReplayCommandTests.Replay(parquet.Path, [.. networks, "--output", Path.Combine(output.Path, "parquet")]);

        Assert.That(result.Code, Is.Zero, result.Error);
        Assert.That(
            File.ReadAllBytes(Path.Combine(output.Path, "parquet", "replays.csv")),
            Is.EqualTo(File.ReadAllBytes(Path.Combine(output.Path, "csv", "replays.csv"))));
    }

    [TestCase("", "grid.csv: line 1: the file is empty")]
    [TestCase("uplink,latency\n", "grid.csv: line 2: no networks after the header")]
    [TestCase("uplink,bandwidth\n1Mbps,2Mbps\n", "grid.csv: line 1: column 'bandwidth' is not a network field")]
    [TestCase("uplink,latency\n1Mbps,1ms\n2Mbps\n", "grid.csv: line 3: 1 fields where the header has 2")]
    [TestCase("uplink,latency\n1Mbps,1ms\n10Mbqs,1ms\n", "grid.csv: line 3: column 'uplink': '10Mbqs': bandwidth '10Mbqs' has the unknown unit")]
    [TestCase("ingress\nbogus\n", "grid.csv: line 2: column 'ingress': 'bogus': write sequential-push")]
    public void Replay_OfABadGrid_ExitsTwoWithOneLineNamingFileLineAndColumn(string content, string expected)
    {
        using var folder = ReplayCommandTests.Copy();
        using var output = new TemporaryDirectory();
        var grid = output.WriteFile("grid.csv", content);

        var result = ReplayCommandTests.Replay(folder.Path, "--grid", grid, "--output", Path.Combine(output.Path, "out"));

        ReplayCommandTests.AssertOneLine(result, expected);
        Assert.That(Directory.Exists(Path.Combine(output.Path, "out")), Is.False);
    }

    [Test]
    public void Replay_OfSeveralNetworksWithoutOutput_ExitsTwoAskingForIt()
    {
        using var folder = ReplayCommandTests.Copy();

        ReplayCommandTests.AssertOneLine(ReplayCommandTests.Replay(folder.Path, "--uplink", "1Mbps,2Mbps"), "--output: 2 networks need a folder");
    }

    [Test]
    public void Replay_OfAFolderWithoutSummary_PlansItsNetworkFromTheData_AndWritesTheSameRows()
    {
        using var withSummary = ReplayCommandTests.Copy();
        using var without = ReplayCommandTests.Copy();
        File.Delete(Path.Combine(without.Path, "summary.json"));
        using var output = new TemporaryDirectory();
        string[] networks = ["--uplink", "1Mbps,3Mbps,10Mbps", "--ingress", "sequential-push,fair-share"];

        ReplayCommandTests.Replay(withSummary.Path, [.. networks, "--output", Path.Combine(output.Path, "a")]);
        var result = ReplayCommandTests.Replay(without.Path, [.. networks, "--output", Path.Combine(output.Path, "b")]);

        Assert.That(result.Code, Is.Zero, result.Error);
        Assert.That(
            File.ReadAllBytes(Path.Combine(output.Path, "b", "replays.csv")),
            Is.EqualTo(File.ReadAllBytes(Path.Combine(output.Path, "a", "replays.csv"))));
    }

    [Test]
    public void Replay_IntoAnOutputThatIsAFile_ExitsTwoWithOneLine()
    {
        using var folder = ReplayCommandTests.Copy();
        using var other = new TemporaryDirectory();
        var file = other.WriteFile("taken", "a file, not a folder");

        ReplayCommandTests.AssertOneLine(
            ReplayCommandTests.Replay(folder.Path, "--uplink", "1Mbps,2Mbps", "--output", file), $"--output {file}: cannot write the summary");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Replay_OfAnotherRunsParquet_ExitsTwoWithOneLine(bool batch)
    {
        using var folder = ReplayCommandTests.Copy();
        using var other = new TemporaryDirectory();
        other.WriteFile("scenario.json", File.ReadAllText(Path.Combine(folder.Path, "scenario.json")) + " ");
        WriteParquet(folder.Path, other.Path);
        string[] options = batch ? ["--uplink", "1Mbps,2Mbps", "--output", Path.Combine(other.Path, "out")] : [];

        ReplayCommandTests.AssertOneLine(ReplayCommandTests.Replay(folder.Path, options), "decisions.parquet: metadata 'sasg.scenario_sha256': the file was written by another run");
    }

    [Test]
    public void Replay_OfACorruptParquet_ExitsTwoWithOneLine()
    {
        using var folder = ReplayCommandTests.Copy();
        File.WriteAllBytes(Path.Combine(folder.Path, DecisionsParquet.FileName), [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 7))]);

        ReplayCommandTests.AssertOneLine(ReplayCommandTests.Replay(folder.Path), "decisions.parquet: not a readable Parquet file");
    }

    [Test]
    public void Replay_WithFolders_OnTheRunsOwnNetwork_WritesTheRunsMetricsCsv_AndOnAnotherItsTimesAndRequests()
    {
        using var folder = ReplayCommandTests.Copy();
        using var output = new TemporaryDirectory();
        var recorded = File.ReadAllText(Path.Combine(folder.Path, "metrics.csv"));

        var result = ReplayCommandTests.Replay(
            folder.Path, "--ingress", "sequential-push,sequential-pull", "--uplink", "1Mbps", "--folders", "--output", output.Path);

        var push = Path.Combine(BatchReplay.NetworkFolder(output.Path, 1), "metrics.csv");
        var pull = MetricsOf(Path.Combine(BatchReplay.NetworkFolder(output.Path, 2), "metrics.csv"));
        var pushRows = MetricsOf(push);
        var scenario = File.ReadAllText(Path.Combine(BatchReplay.NetworkFolder(output.Path, 2), "scenario.json"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Code, Is.Zero, result.Error);
            Assert.That(pushRows.Select(r => r.Uploads), Is.EqualTo(pull.Select(r => r.Uploads)), "the decisions are the run's");
            Assert.That(pull.Select(r => r.Requests), Is.EqualTo(pull.Select(r => r.Uploads)), "under pull every upload is requested");
            Assert.That(pull[^1].SimulatedSeconds, Is.Not.EqualTo(pushRows[^1].SimulatedSeconds));
            Assert.That(scenario, Does.Contain("\"sequential-pull\""));
            Assert.That(File.ReadAllText(Path.Combine(BatchReplay.NetworkFolder(output.Path, 1), "scenario.json")), Does.Contain("\"1Mbps\"").Or.Contain("1000000"));
        }

        // The run's own network replays to the bytes it recorded.
        using var own = new TemporaryDirectory();
        var again = ReplayCommandTests.Replay(folder.Path, "--latency", LatencyOf(folder.Path), "--folders", "--output", own.Path);
        Assert.That(again.Code, Is.Zero, again.Error);
        Assert.That(File.ReadAllText(Path.Combine(BatchReplay.NetworkFolder(own.Path, 1), "metrics.csv")), Is.EqualTo(recorded));
    }

    [Test]
    public void Replay_WithFoldersWithoutOutput_OrWithoutTheRunsMetrics_ExitsTwoWithOneLine()
    {
        using var folder = ReplayCommandTests.Copy();
        using var output = new TemporaryDirectory();

        ReplayCommandTests.AssertOneLine(ReplayCommandTests.Replay(folder.Path, "--folders"), "--folders: the folders per network go under --output");
        File.Delete(Path.Combine(folder.Path, "metrics.csv"));
        var missing = ReplayCommandTests.Replay(folder.Path, "--uplink", "1Mbps,2Mbps", "--folders", "--output", output.Path);
        ReplayCommandTests.AssertOneLine(missing, "metrics.csv: no such file; a folder per network needs the run's metrics.csv");
        Assert.That(missing.Error, Does.Not.Contain("cannot write"), "a missing input is not an unwritable output");
    }

    [Test]
    public void Replay_OfARunWhoseScenarioJsonIsOverAMebibyte_Works_AndABrokenOneIsOneLineWithOnePrefix()
    {
        // The scenario.json of a run with 100,000 workers lists 100,000 compute speeds: over the 1 MiB a user's file may have.
        using var folder = ReplayCommandTests.Copy();
        var scenario = Path.Combine(folder.Path, "scenario.json");
        File.WriteAllText(scenario, File.ReadAllText(scenario) + new string(' ', 3 << 19));

        var large = ReplayCommandTests.Replay(folder.Path);
        File.WriteAllText(scenario, "{ \"name\": ");
        var broken = ReplayCommandTests.Replay(folder.Path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(large.Code, Is.Zero, large.Error);
            Assert.That(broken.Code, Is.EqualTo(2), broken.Error);
            Assert.That(broken.Error, Does.StartWith($"sasg: {scenario}: ").And.Not.Contains("sasg: sasg:"));
        }
    }

    private static List<Sasg.Experiments.Driver.MetricsRow> MetricsOf(string path) =>
        [.. Sasg.Experiments.Results.Plots.MetricsCsv.Read(path)];

    // The run's latency as written in its scenario.json, so that a replay "changes" the network to itself.
    private static string LatencyOf(string folder)
    {
        var scenario = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(folder, "scenario.json")));
        return (string)scenario["network"]!["latency"]!;
    }

    // decisions.parquet from the folder's decisions.csv, stamped with the scenario.json of scenarioFrom.
    private static void WriteParquet(string folder, string scenarioFrom)
    {
        var rows = DecisionsCsv.Read(Path.Combine(folder, "decisions.csv"));
        using var stream = File.Create(Path.Combine(folder, DecisionsParquet.FileName));
        using var writer = new DecisionsParquetWriter(stream, File.ReadAllText(Path.Combine(scenarioFrom, "scenario.json")), rowGroupRows: 7);
        foreach (var row in rows)
        {
            writer.Add(row);
        }
    }
}
