using Sasg.Experiments.Replay;
using Sasg.Learning.Data;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Replay;

public sealed class DecisionsParquetTests
{
    private static readonly string[] Labels = ["GD", "LAG-WK", "LAG-PS"];

    [TestCase(1)]
    [TestCase(5)]
    [TestCase(1000)]
    public void ReadLogs_OfTheFixtureWrittenAsParquet_GivesTheLogsOfDecisionsCsv(int rowGroupRows)
    {
        using var folder = new TemporaryDirectory();
        var path = ReplayFixture.WriteParquet(ReplayFixture.CopyTo(folder), rowGroupRows);

        var fromParquet = DecisionsParquet.ReadLogs(path, Labels, "summary.json", Path.Combine(folder.Path, "scenario.json"));
        var fromCsv = DecisionsCsv.ReadLogs(Path.Combine(folder.Path, "decisions.csv"), Labels);

        Assert.That(fromParquet.Select(Describe), Is.EqualTo(fromCsv.Select(Describe)));
    }

    [Test]
    public void ReplayFolder_WithParquet_ReplaysAsWithCsv_OnSeveralNetworks()
    {
        using var csvFolder = new TemporaryDirectory();
        using var parquetFolder = new TemporaryDirectory();
        var fromCsv = ReplayFolder.Load(ReplayFixture.CopyTo(csvFolder));
        ReplayFixture.WriteParquet(ReplayFixture.CopyTo(parquetFolder));
        File.Delete(Path.Combine(parquetFolder.Path, "decisions.csv"));
        var fromParquet = ReplayFolder.Load(parquetFolder.Path);

        foreach (var ingress in new[] { IngressPolicy.SequentialPush, IngressPolicy.FairShare })
        {
            var network = fromCsv.Scenario.Network with { Ingress = ingress, Uplink = Bandwidth.FromMegabitsPerSecond(3) };

            Assert.That(fromParquet.Replay(network, DatasetLocator.Default), Is.EqualTo(fromCsv.Replay(network, DatasetLocator.Default)));
        }

        Assert.That(fromParquet.DecisionsPath, Does.EndWith(DecisionsParquet.FileName));
    }

    [Test]
    public void ReadLogs_OfAnotherRunsFile_SaysSoInOneLine()
    {
        using var other = new TemporaryDirectory();
        var otherScenario = File.ReadAllText(Path.Combine(ReplayFixture.Source, "scenario.json")).Replace("\"seed\"", " \"seed\"", StringComparison.Ordinal);
        other.WriteFile("scenario.json", otherScenario);
        using var folder = new TemporaryDirectory();
        var path = ReplayFixture.WriteParquet(ReplayFixture.CopyTo(folder), scenarioFrom: other.Path);

        Assert.That(
            () => ReplayFolder.Load(folder.Path),
            Throws.TypeOf<InvalidDataException>().With.Message.StartsWith(path + ": metadata 'sasg.scenario_sha256': the file was written by another run")
                .And.Message.Not.Contains('\n'));
    }

    [TestCase(0)]
    [TestCase(100)]
    [TestCase(-20)]
    [TestCase(-200)]
    public void ReadLogs_OfADamagedFile_SaysItIsNotReadableInOneLine(int cut)
    {
        using var folder = new TemporaryDirectory();
        var path = ReplayFixture.WriteParquet(ReplayFixture.CopyTo(folder));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, cut == 0 ? [.. bytes.Select(b => (byte)(b ^ 0x5A))] : cut > 0 ? bytes[..cut] : bytes[..^-cut]);

        Assert.That(
            () => ReplayFolder.Load(folder.Path),
            Throws.TypeOf<InvalidDataException>().With.Message.StartsWith(path + ": ")
                .And.Message.Not.Contains('\n')
                .And.Message.EndsWith("restore the file from the run, or run the scenario again to write it."));
    }

    [Test]
    public void ReadLogs_OfARowOutOfPlace_NamesTheRow()
    {
        using var folder = new TemporaryDirectory();
        var path = ReplayFixture.WriteParquet(ReplayFixture.CopyTo(folder), damage: rows => rows[4] = rows[3]);

        Assert.That(
            () => DecisionsParquet.ReadLogs(path, Labels),
            Throws.TypeOf<InvalidDataException>().With.Message.StartsWith(path + ": row 5: 'GD' iteration 1, worker 0 where iteration 1, worker 1 was expected"));
    }

    [Test]
    public void Writer_HoldsAtMostOneRowGroup_AndCountsRows()
    {
        using var stream = new MemoryStream();
        var rows = 0L;
        using (var writer = new DecisionsParquetWriter(stream, scenarioJson: null, rowGroupRows: 4))
        {
            for (var k = 0; k < 10; k++)
            {
                writer.Add(new Sasg.Experiments.Driver.DecisionRow("A", k, 0, "upload", 8, 5, false));
            }

            rows = writer.Rows;
        }

        Assert.That(rows, Is.EqualTo(10));
    }

    // A log as text: its label, uploads and the end of every iteration on a fixed network.
    private static string Describe(DecisionLog log)
    {
        var links = Enumerable.Repeat(new Link(Bandwidth.FromMegabitsPerSecond(1), SimTime.FromMilliseconds(1), DataSize.FromBytes(40)), log.Workers).ToArray();
        var star = new StarTopology(links, links, Bandwidth.FromMegabitsPerSecond(2));
        var ends = ReplayRunner.IterationEnds(log, star, new ParameterServerOptions { ModelSize = DataSize.FromBytes(400) }, ComputeModel.Uniform(log.Workers, seed: 1));
        return $"{log.Algorithm} {log.Uploads} {string.Join(' ', ends.Select(e => e.Nanoseconds))}";
    }
}
