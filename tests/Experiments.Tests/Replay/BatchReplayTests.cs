using Sasg.Experiments.Replay;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Replay;

public sealed class BatchReplayTests
{
    [TestCase(1)]
    [TestCase(3)]
    public void Run_OnSeveralNetworks_GivesWhatOneReplayPerNetworkGives_InOrder(int threads)
    {
        var replay = ReplayFolder.Load(ReplayFixture.Source);
        var networks = Networks(replay.Scenario.Network);

        var batch = BatchReplay.Run(replay, networks, DatasetLocator.Default, threads);

        Assert.That(batch, Is.EqualTo(networks.Select(n => replay.Replay(n, DatasetLocator.Default))).AsCollection);
    }

    [Test]
    public void Write_GivesOneRowPerNetwork_InCsvAndParquet()
    {
        using var folder = new TemporaryDirectory();
        var replay = ReplayFolder.Load(ReplayFixture.Source);
        var networks = Networks(replay.Scenario.Network);
        var batch = BatchReplay.Run(replay, networks, DatasetLocator.Default, threads: 2);

        BatchReplay.Write(folder.Path, [.. replay.Logs.Select(l => l.Algorithm)], networks, batch);

        var lines = File.ReadAllLines(Path.Combine(folder.Path, "replays.csv"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines[0], Is.EqualTo("network,uplink_bps,downlink_bps,latency_ns,server_ingress_bps,ingress,mtu,connection,GD_s,LAG-WK_s,LAG-PS_s"));
            Assert.That(lines, Has.Length.EqualTo(networks.Count + 1));
            Assert.That(lines[3], Does.StartWith("3,2000000,100000000,2000000,"));
            Assert.That(lines[3], Does.EndWith(Sasg.Experiments.Results.CsvTables.Number(batch[2][2].ReplayedSeconds)));
            Assert.That(ParquetRows(Path.Combine(folder.Path, "replays.parquet")), Is.EqualTo(networks.Count));
        }
    }

    private static long ParquetRows(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = Parquet.ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        var rows = reader.Metadata!.NumRows;
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return rows;
    }

    private static List<ScenarioNetwork> Networks(ScenarioNetwork run) =>
    [
        .. new[] { 1L, 2, 5 }.SelectMany(mbps => new[] { IngressPolicy.SequentialPush, IngressPolicy.FairShare }.Select(ingress =>
            run with { Uplink = Bandwidth.FromMegabitsPerSecond(mbps), Ingress = ingress, Latency = SimTime.FromMilliseconds(mbps) })),
    ];
}
