using Newtonsoft.Json.Linq;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>Runs under the time-driven protocols: server updates are iterations, time is the event-driven network's,
/// and the protocol's outputs are written.</summary>
public sealed class TimedRunTests
{
    private static RunPlan Plan(ScenarioProtocol protocol, params string[] algorithms) =>
        TinyPlans.Stochastic(algorithms) with { Protocol = protocol };

    [Test]
    public void Asynchronous_EachUpdateAppliesOneMessage_AndTimeAdvances_Deterministically()
    {
        var plan = Plan(new ScenarioProtocol(ProtocolKind.Asynchronous), "SGD", "SASG");

        var first = ExperimentDriver.Run(plan);
        var second = ExperimentDriver.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            foreach (var result in first)
            {
                Assert.That(result.Iterations, Is.EqualTo(25), result.Label);
                Assert.That(result.Metrics.Select(m => m.Iteration), Is.EqualTo(new[] { 0, 5, 10, 15, 20, 25 }), result.Label);
                Assert.That(result.Metrics.Select(m => m.SimulatedSeconds), Is.Ordered.Ascending, result.Label);
                Assert.That(result.Metrics[^1].SimulatedSeconds, Is.EqualTo(result.SimulatedSeconds), result.Label);
                Assert.That(result.Protocol!.Applied, Has.Count.EqualTo(25), result.Label);
                Assert.That(result.Protocol.Applied.Select(a => a.Update), Is.EqualTo(Enumerable.Range(1, 25).Select(i => (long)i)), result.Label);
                // Four workers with noisy compute: most updates land while the others compute on older models.
                Assert.That(result.Protocol.Applied.Max(a => a.Staleness), Is.GreaterThan(0), result.Label);
                Assert.That(result.Protocol.Workers.Sum(w => w.Applied), Is.EqualTo(25), result.Label);
                Assert.That(double.IsFinite(result.Final.TrainLoss), Is.True, result.Label);
            }

            Assert.That(second.Select(r => r.Metrics), Is.EqualTo(first.Select(r => r.Metrics)));
            Assert.That(second.Select(r => r.Protocol!.Applied), Is.EqualTo(first.Select(r => r.Protocol!.Applied)));
        }
    }

    [Test]
    public void Asynchronous_IsFasterPerUpdate_ThanSynchronousRounds()
    {
        var synchronous = ExperimentDriver.Run(Plan(ScenarioProtocol.Synchronous, "SGD"))[0];
        var asynchronous = ExperimentDriver.Run(Plan(new ScenarioProtocol(ProtocolKind.Asynchronous), "SGD"))[0];

        // 25 synchronous rounds wait for the slowest of four each time; 25 asynchronous updates need about a quarter of
        // the workers' turns.
        Assert.That(asynchronous.SimulatedSeconds, Is.LessThan(synchronous.SimulatedSeconds / 2));
    }

    [Test]
    public void Synchronous_WithLinkCapacities_RunsOnTheEventDrivenRound_WithTheSameDecisions()
    {
        var plan = TinyPlans.Stochastic("SGD");
        // Each link's own rate: the tiny plan's uplinks run at 100 Mbit/s, its downlinks at Link.Default's 1 Gbit/s.
        ICapacitySchedule[] Same(IReadOnlyList<Link> links) => links.Select(l => (ICapacitySchedule)new ConstantCapacity(l.Bandwidth.BitsPerSecond)).ToArray();
        var half = Enumerable.Repeat<ICapacitySchedule>(new ConstantCapacity(50_000_000), 4).ToArray();

        var closedForm = ExperimentDriver.Run(plan)[0];
        var eventDriven = ExperimentDriver.Run(plan with { UplinkCapacity = Same(plan.Topology.Uplinks), DownlinkCapacity = Same(plan.Topology.Downlinks) })[0];
        var slower = ExperimentDriver.Run(plan with { UplinkCapacity = half })[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(eventDriven.Metrics.Select(m => m.TrainLoss), Is.EqualTo(closedForm.Metrics.Select(m => m.TrainLoss)), "the same decisions");
            Assert.That(slower.Metrics.Select(m => m.TrainLoss), Is.EqualTo(closedForm.Metrics.Select(m => m.TrainLoss)), "the same decisions");
            Assert.That(eventDriven.SimulatedSeconds, Is.EqualTo(closedForm.SimulatedSeconds), "schedules at the links' rates change no time");
            Assert.That(slower.SimulatedSeconds, Is.GreaterThan(eventDriven.SimulatedSeconds));
            Assert.That(eventDriven.Protocol, Is.Null);
        }
    }

    [Test]
    public void Buffered_AppliesKMessagesAnUpdate()
    {
        var result = ExperimentDriver.Run(Plan(new ScenarioProtocol(ProtocolKind.Buffered, Buffer: 2), "SGD"))[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Iterations, Is.EqualTo(25));
            Assert.That(result.Protocol!.Applied, Has.Count.EqualTo(50));
            Assert.That(result.Protocol.Applied.GroupBy(a => a.Update).Select(g => g.Count()), Is.All.EqualTo(2));
        }
    }

    [Test]
    public void Deadline_NoWorkerCanMeet_SaysSoAndStops()
    {
        var plan = Plan(new ScenarioProtocol(ProtocolKind.Deadline, Deadline: SimTime.FromNanoseconds(1)), "SGD");

        var result = ExperimentDriver.Run(plan)[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Iterations, Is.Zero);
            Assert.That(result.StopReason, Is.EqualTo("stalled"));
            Assert.That(result.Message, Does.StartWith("SGD: no update ever reached the server (1000 deadline rounds in a row closed with no upload in)"));
            Assert.That(result.Protocol!.Outcome, Is.EqualTo("stalled"));
            Assert.That(result.Protocol.EmptyRounds, Is.EqualTo(1000));
            Assert.That(result.Metrics.Select(m => m.Iteration), Is.EqualTo(new[] { 0 }));
        }
    }

    [Test]
    public void Deadline_FastestTwo_AppliesTwoFreshMessagesAnUpdate_AndDropsTheRest()
    {
        var plan = Plan(new ScenarioProtocol(ProtocolKind.Deadline, Fastest: 2), "SGD");

        var result = ExperimentDriver.Run(plan)[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Iterations, Is.EqualTo(25));
            Assert.That(result.Protocol!.Applied.GroupBy(a => a.Update).Select(g => g.Count()), Is.All.EqualTo(2));
            Assert.That(result.Protocol.Applied.Select(a => a.Staleness), Is.All.Zero);
            Assert.That(result.Protocol.Workers.Sum(w => w.DroppedLate), Is.EqualTo(50), "two of four late in each of 25 rounds");
        }
    }

    [Test]
    public void Availability_AWorkerOfflineMidTurn_LosesIt_AndItsBytesAreWasted()
    {
        // No latency, so a transfer puts bytes on the wire from its start (a message in its latency has sent nothing
        // through its bottleneck yet); worker 0 is offline 50 us of every 100 us, so some of its ~60 us turns are cut.
        var plan = Plan(new ScenarioProtocol(ProtocolKind.Asynchronous), "SGD") with
        {
            Topology = StarTopology.Homogeneous(4, new Link(Bandwidth.FromMegabitsPerSecond(100), SimTime.Zero, DataSize.Zero)),
            Availability = new Blinking(0, 100_000, 50_000),
        };

        var result = ExperimentDriver.Run(plan)[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Iterations, Is.EqualTo(25));
            Assert.That(result.Protocol!.Workers[0].LostOffline, Is.GreaterThan(0));
            Assert.That(result.Protocol.Workers.Skip(1).Select(w => w.LostOffline), Is.All.Zero);
            Assert.That(result.Protocol.WastedBytes, Is.GreaterThan(0));
        }
    }

    [Test]
    public void ResultsFolder_OfATimedRun_HasTheProtocolFiles_AndASynchronousOneHasNone()
    {
        var plan = Plan(new ScenarioProtocol(ProtocolKind.Asynchronous), "SGD");
        var results = ExperimentDriver.Run(plan);
        using var timed = new TemporaryDirectory();
        using var synchronous = new TemporaryDirectory();

        ResultsFolder.Write(timed.Path, plan, results);
        ResultsFolder.Write(synchronous.Path, TinyPlans.Stochastic("SGD"), ExperimentDriver.Run(TinyPlans.Stochastic("SGD")));

        var plots = Sasg.Experiments.Results.Plots.PlotWriter.WriteAll(timed.Path);
        var summary = JObject.Parse(File.ReadAllText(Path.Combine(timed.Path, "summary.json")));
        var protocol = (JObject)summary["algorithms"]![0]!["protocol"]!;
        var staleness = File.ReadAllLines(Path.Combine(timed.Path, ProtocolTables.StalenessName));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(protocol["kind"]!.Value<string>(), Is.EqualTo("asynchronous"));
            Assert.That(protocol["staleness"]!["p50"]!.Value<long>(), Is.EqualTo(results[0].Protocol!.StalenessPercentile(0.5)));
            Assert.That(protocol["appliedMessages"]!.Value<int>(), Is.EqualTo(25));
            Assert.That(staleness[0], Is.EqualTo("algorithm,update,worker,staleness,message,queue_wait_seconds,simulated_seconds"));
            Assert.That(staleness, Has.Length.EqualTo(26));
            Assert.That(File.ReadAllLines(Path.Combine(timed.Path, ProtocolTables.WorkersName)), Has.Length.EqualTo(5));
            Assert.That(plots.Written.Select(Path.GetFileName), Does.Contain("staleness-histogram.png").And.Contain("staleness-histogram.svg"));
            Assert.That(Directory.GetFiles(synchronous.Path).Select(Path.GetFileName), Has.None.EqualTo(ProtocolTables.StalenessName).And.None.EqualTo(ProtocolTables.WorkersName));
            Assert.That(File.ReadAllText(Path.Combine(synchronous.Path, "summary.json")), Does.Not.Contain("\"protocol\""));
        }
    }

    [Test]
    public void Trace_OfATimedRun_HasUploadSpans_Updates_RateCounters_AndOfflineSpans_Deterministically()
    {
        using var folder = new TemporaryDirectory();
        var availabilityFile = Path.Combine(folder.Path, "availability.csv");
        File.WriteAllText(availabilityFile, "worker,online_from_s,online_until_s\n0,0,0.0001\n0,0.0003,1000\n1,0,1000\n2,0,1000\n3,0,1000\n");
        var plan = Plan(new ScenarioProtocol(ProtocolKind.Asynchronous), "SGD") with
        {
            Availability = AvailabilitySchedule.Load(availabilityFile, 4),
        };

        byte[] Traced(string name)
        {
            var directory = Path.Combine(folder.Path, name);
            using var traces = RunTraces.Open(directory);
            ExperimentDriver.Run(plan, traces.Begin);
            traces.Complete();
            return File.ReadAllBytes(Path.Combine(directory, RunTraces.JsonName));
        }

        var json = Traced("first");
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var events = document.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
        string Phase(System.Text.Json.JsonElement e) => e.GetProperty("ph").GetString()!;
        string Name(System.Text.Json.JsonElement e) => e.GetProperty("name").GetString()!;
        var uploads = events.Where(e => Phase(e) == "X" && Name(e) == "upload").ToArray();
        var delivered = uploads.Where(e => !e.GetProperty("args").TryGetProperty("aborted", out _))
            .Select(e => e.GetProperty("ts").GetDecimal() + e.GetProperty("dur").GetDecimal()).ToHashSet();
        var updates = events.Where(e => Phase(e) == "i" && Name(e) == "update").ToArray();
        var offline = events.Where(e => Phase(e) == "X" && Name(e) == "offline").ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(uploads, Is.Not.Empty);
            Assert.That(uploads.Select(e => e.GetProperty("dur").GetDecimal()), Is.All.GreaterThan(0m));
            Assert.That(updates.Select(e => e.GetProperty("args").GetProperty("update").GetInt32()), Is.EqualTo(Enumerable.Range(1, 25)));
            // Asynchronous SGD: each update is the instant an upload's last bit was in.
            Assert.That(updates.Select(e => e.GetProperty("ts").GetDecimal()), Is.All.Matches<decimal>(delivered.Contains));
            Assert.That(offline, Has.Length.EqualTo(1), "worker 0 offline from 100 us to 300 us");
            Assert.That(offline[0].GetProperty("tid").GetInt32(), Is.EqualTo(1));
            Assert.That(offline[0].GetProperty("ts").GetDecimal(), Is.EqualTo(100m));
            Assert.That(offline[0].GetProperty("dur").GetDecimal(), Is.EqualTo(200m));
            Assert.That(events.Count(e => Phase(e) == "C"), Is.GreaterThan(0));
            Assert.That(events.Count(e => Phase(e) == "X" && Name(e) == "compute"), Is.GreaterThanOrEqualTo(25));
            Assert.That(Traced("second"), Is.EqualTo(json), "same scenario and seed, same bytes");
        }
    }

    // Worker `worker` is offline the last `offline` ns of every `period` ns; the others are always online.
    private sealed class Blinking(int worker, long period, long offline) : IWorkerAvailability
    {
        public bool IsOnline(int w, long time) => w != worker || time % period < period - offline;

        public long NextChange(int w, long time)
        {
            if (w != worker)
            {
                return long.MaxValue;
            }

            var start = time - (time % period);
            return IsOnline(w, time) ? start + period - offline : start + period;
        }
    }
}
