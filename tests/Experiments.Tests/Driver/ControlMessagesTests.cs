using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.NetSim.Network;
using Sasg.NetSim.Trace;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Driver;

/// <summary>Requests and skip notices in metrics and summary: counted as NetSim sends them (checked against its trace),
/// recounted for another network, and the code-faithful upload counter through the driver.</summary>
[NonParallelizable]
public sealed class ControlMessagesTests
{
    private static readonly ParameterServerOptions Messages =
        TinyPlans.Stochastic().Network with { RequestSize = DataSize.FromBytes(64), SkipNoticeSize = DataSize.FromBytes(1) };

    [Test]
    public void Run_CountsRequestsAndSkipNotices_AsTheTraceShowsNetSimSendingThem()
    {
        var plan = TinyPlans.Stochastic("LASG-PS", "LASG-WK2", "SGD") with { Network = Messages };
        var sinks = new Dictionary<string, RecordingSink>();

        var results = ExperimentDriver.Run(plan, label => sinks[label] = new RecordingSink());

        foreach (var result in results)
        {
            var trace = sinks[result.Label].Records;
            var control = result.ControlMessages;
            var skipSpans = trace.Where(r => r.Kind == TraceKind.Skip).ToList();
            var idle = result.Decisions.Where(d => d.Decision == "not-requested").Select(d => (d.Iteration, d.Worker)).ToHashSet();
            var idleRecords = trace.Where(r => r.Kind != TraceKind.Broadcast && idle.Contains((r.Round, r.Node))).ToList();
            TestContext.Out.WriteLine($"{result.Label}: {control}, uploads {result.Uploads}");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(control.Requests, Is.EqualTo(trace.Count(r => r.Kind == TraceKind.Request)), result.Label);
                Assert.That(control.RequestBytes, Is.EqualTo(64 * control.Requests), result.Label);
                Assert.That(control.SkipNotices, Is.EqualTo(skipSpans.Count), result.Label);
                Assert.That(control.SkipNoticeBytes, Is.EqualTo(control.SkipNotices), result.Label);
                // An idle worker has no trace record in its round but the model's broadcast to it.
                Assert.That(idleRecords, Is.Empty, result.Label);
                Assert.That(control.Requests, Is.EqualTo(result.Decisions.Count(d => d.Decision == "upload" && d.Requested)), result.Label);
                Assert.That(control.SkipNotices, Is.EqualTo(result.Decisions.Count(d => d.Decision == "skip")), result.Label);
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results[0].ControlMessages.Requests, Is.Positive, "LASG-PS asks");
            Assert.That(results[0].Decisions.Count(d => d.Decision == "not-requested"), Is.Positive, "LASG-PS leaves workers idle");
            Assert.That(results[1].ControlMessages.SkipNotices, Is.Positive, "LASG-WK2 skips");
            Assert.That(results[2].ControlMessages, Is.EqualTo(default(ControlMessages)), "SGD on a push network sends neither");
        }
    }

    [Test]
    public void SequentialPull_RequestsEveryUpload()
    {
        var plan = TinyPlans.Stochastic("SGD") with { Network = Messages with { Ingress = IngressPolicy.SequentialPull } };
        var sink = new RecordingSink();

        var result = ExperimentDriver.Run(plan, _ => sink).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ControlMessages.Requests, Is.EqualTo(result.Uploads));
            Assert.That(result.ControlMessages.Requests, Is.EqualTo(sink.Records.Count(r => r.Kind == TraceKind.Request)));
        }
    }

    [Test]
    public void ResultsFolder_ForAnotherNetwork_CountsThatNetworksMessages_AsARunOnItWould()
    {
        var push = TinyPlans.Stochastic("LASG-PS", "LASG-WK2") with { Network = Messages };
        var pull = push with { Network = Messages with { Ingress = IngressPolicy.SequentialPull, RequestSize = DataSize.FromBytes(10) } };
        var onPush = ExperimentDriver.Run(push);
        var onPull = ExperimentDriver.Run(pull);
        using var folder = new TemporaryDirectory();

        // A sweep writes results trained on one network into a cell of another.
        ResultsFolder.Write(folder.Path, pull, onPush);

        var written = Sasg.Experiments.Results.Plots.MetricsCsv.Read(Path.Combine(folder.Path, "metrics.csv"));
        var expected = onPull.SelectMany(r => r.Metrics).Select(m => (m.Algorithm, m.Iteration, m.ControlMessages)).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(written.Select(m => (m.Algorithm, m.Iteration, m.ControlMessages)), Is.EqualTo(expected));
            Assert.That(onPull[1].ControlMessages.Requests, Is.GreaterThan(onPush[1].ControlMessages.Requests), "pull asks LASG-WK2's uploads");
        }
    }

    [Test]
    public void Metrics_CountedUploads_FollowTheCodeFaithfulCounter()
    {
        var faithful = new AlgorithmSpec("LAG-WK", "LAG-WK code", new Dictionary<string, object> { ["codeFaithful"] = true });
        var plan = TinyPlans.Stochastic() with { Algorithms = [AlgorithmSpec.Of("SGD"), faithful] };

        var results = ExperimentDriver.Run(plan);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results[0].Metrics.Select(m => m.CountedUploads), Is.EqualTo(results[0].Metrics.Select(m => m.Uploads)));
            Assert.That(results[1].Metrics.Select(m => m.CountedUploads), Is.EqualTo(results[1].Metrics.Select(m => m.Uploads + 1)), "the code's counter starts at 1");
        }
    }

    private sealed class RecordingSink : ITraceSink
    {
        public List<TraceRecord> Records { get; } = [];

        public void Write(in TraceRecord record) => Records.Add(record);
    }
}
