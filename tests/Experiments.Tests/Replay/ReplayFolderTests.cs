using Sasg.Experiments.Replay;
using Sasg.Learning.Data;
using Sasg.NetSim.Network;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Replay;

public sealed class ReplayFolderTests
{
    [Test]
    public void Replay_OfTheFixtureOnItsOwnNetwork_GivesTheRecordedSeconds()
    {
        var replay = ReplayFolder.Load(ReplayFixture.Source);

        var methods = replay.Replay(replay.Scenario.Network, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(methods.Select(m => m.Label), Is.EqualTo(new[] { "GD", "LAG-WK", "LAG-PS" }));
            Assert.That(methods.Select(m => m.ReplayedSeconds), Is.EqualTo(methods.Select(m => m.RecordedSeconds!.Value)));
            Assert.That(methods.Select(m => m.Uploads), Is.EqualTo(new[] { 18, 9, 10 }));
        }
    }

    [TestCase("\"workers\": 3", "\"workers\": 100000000", "$.workers: 100000000 workers, but")]
    [TestCase("\"workers\": 3", "\"workers\": 1e8", "$.workers: 100000000 workers, but")]
    [TestCase("\"workers\": 3", "\"workers\": 9223372036854775808", "$.workers: 9223372036854775808 is not a whole number from 1 to")]
    [TestCase("\"workers\": 3", "\"workers\": \"three\"", "$.workers: \"three\" is not a whole number")]
    [TestCase("\"modelBytes\": 400", "\"modelBytes\": -400", "$.modelBytes: -400 is not a whole number from 1 to")]
    [TestCase("\"iterations\": 6", "\"iterations\": 5", "$.algorithms[0].iterations: 5, but")]
    [TestCase("\"simulatedSeconds\": 0.00179472", "\"simulatedSeconds\": -1", "$.algorithms[0].simulatedSeconds: -1 is not a number of seconds")]
    [TestCase("\"label\": \"GD\"", "\"label\": \"LAG-WK\"", "$.algorithms[1].label: 'LAG-WK' is listed twice")]
    [TestCase("{", "[", "$: not valid JSON")]
    public void Load_ADamagedSummary_NamesItsFieldInOneLine_BeforeSizingAnything(string field, string damaged, string expected)
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(ReplayFixture.CopyTo(folder), "summary.json");
        var text = File.ReadAllText(path);
        var at = text.IndexOf(field, StringComparison.Ordinal);
        File.WriteAllText(path, text[..at] + damaged + text[(at + field.Length)..]);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        Assert.That(
            () => ReplayFolder.Load(folder.Path),
            Throws.TypeOf<InvalidDataException>().With.Message.StartsWith(path + ": ")
                .And.Message.Contains(expected)
                .And.Message.Not.Contains('\n'));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - allocated, Is.LessThan(64L << 20), "nothing is sized from the damaged field");
    }

    [Test]
    public void Load_ARunWhoseDecisionsDependOnTime_RefusesInOneLineNamingTheReason()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(ReplayFixture.CopyTo(folder), "scenario.json");
        var scenario = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(path));
        scenario["protocol"] = Newtonsoft.Json.Linq.JObject.Parse("""{ "kind": "deadline", "deadline": "1ms" }""");
        File.WriteAllText(path, scenario.ToString());

        Assert.That(
            () => ReplayFolder.Load(folder.Path),
            Throws.TypeOf<InvalidDataException>().With.Message.StartsWith(path + ": $.protocol.kind: cannot replay this run: under protocol kind \"deadline\" the time an upload arrives decides")
                .And.Message.Not.Contains('\n'));
    }

    [Test]
    public void Load_ALabelTheSummaryDoesNotList_NamesTheDecisionsLineAndTheSummary()
    {
        using var folder = new TemporaryDirectory();
        ReplayFixture.ReplaceLine(ReplayFixture.CopyTo(folder), "decisions.csv", 2, "XX,0,0,upload,400,50000,false");

        Assert.That(
            () => ReplayFolder.Load(folder.Path),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("decisions.csv: line 2: column 'algorithm': 'XX' is not a method of this run")
                .And.Message.Contains("summary.json lists GD, LAG-WK, LAG-PS"));
    }

    [Test]
    public void Load_HeaderOnly_SaysThereAreNoRows()
    {
        using var folder = new TemporaryDirectory();
        ReplayFixture.CopyTo(folder);
        File.WriteAllText(Path.Combine(folder.Path, "decisions.csv"), "algorithm,iteration,worker,decision,bytes,compute_ns,requested\n");

        Assert.That(
            () => ReplayFolder.Load(folder.Path),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("decisions.csv: line 2: no decision rows"));
    }

    [Test]
    public void Replay_AnUploadTooLargeForTheSimulatedClock_SaysSo_InsteadOfAShorterTime()
    {
        using var folder = new TemporaryDirectory();
        ReplayFixture.ReplaceLine(ReplayFixture.CopyTo(folder), "decisions.csv", 3, "GD,0,1,upload,1152921504606846975,50000,false");
        var replay = ReplayFolder.Load(folder.Path);

        Assert.That(
            () => replay.Replay(replay.Scenario.Network with { Uplink = Bandwidth.FromGigabitsPerSecond(1) }, DatasetLocator.Default),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("decisions.csv: columns 'bytes' and 'compute_ns' of 'GD': the replayed time passes the simulator's range"));
    }
}
