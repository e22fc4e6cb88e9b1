using System.Text.Json;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Protocols;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Tests.Trace;

public sealed class FlowTracerTests
{
    private static readonly ProtocolMessages Messages = new(DataSize.FromBytes(100), DataSize.FromBytes(1), DataSize.FromBytes(2));

    // Two workers at 10 Mbit/s each share a 10 Mbit/s fair ingress: 1 Mbit and 2 Mbit uploads get 5 Mbit/s each
    // until the first is in at 0.2 s, then the second gets 10 Mbit/s and is in at 0.3 s.
    private static (Simulation Simulation, FlowNetwork Network) TwoUploads(List<TraceRecord>? records, out Transfer[] transfers)
    {
        var simulation = new Simulation();
        var star = StarTopology.Homogeneous(2, new Link(Bandwidth.FromMegabitsPerSecond(10)), serverIngress: Bandwidth.FromMegabitsPerSecond(10));
        var network = new FlowNetwork(simulation, star, IngressPolicy.FairShare);
        if (records is not null)
        {
            _ = new FlowTracer(new ListSink(records), network, Messages);
        }

        transfers = [network.Upload(0, DataSize.FromBytes(125_000), null), network.Upload(1, DataSize.FromBytes(250_000), null)];
        simulation.Run();
        return (simulation, network);
    }

    [Test]
    public void TwoFairShareUploads_GiveUploadSpansOfTheirTransfers_AndRateChangesOnlyWhenTheRateChanges()
    {
        var records = new List<TraceRecord>();
        TwoUploads(records, out var transfers);

        var uploads = records.Where(r => r.Kind == TraceKind.Upload).OrderBy(r => r.Node).ToArray();
        var rates = records.Where(r => r.Kind == TraceKind.Rate && r.Bytes == 0)
            .Select(r => (r.Node, Ms: r.Start.Nanoseconds / 1_000_000, r.Value)).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(uploads, Has.Length.EqualTo(2));
            for (var w = 0; w < 2; w++)
            {
                Assert.That(uploads[w].Start.Nanoseconds, Is.EqualTo(transfers[w].Start));
                Assert.That(uploads[w].End.Nanoseconds, Is.EqualTo(transfers[w].Delivered));
                Assert.That(uploads[w].Bytes, Is.EqualTo(transfers[w].WireBytes));
                Assert.That(uploads[w].Aborted, Is.False);
            }

            Assert.That(transfers[0].Delivered, Is.EqualTo(200_000_000));
            Assert.That(transfers[1].Delivered, Is.EqualTo(300_000_000));
            Assert.That(rates, Is.EqualTo(new[]
            {
                (0, 0L, 5_000_000L), (1, 0L, 5_000_000L),
                (0, 200L, 0L), (1, 200L, 10_000_000L),
                (1, 300L, 0L),
            }));
        }
    }

    [Test]
    public void Tracing_ChangesNoTime()
    {
        TwoUploads(null, out var untraced);
        TwoUploads([], out var traced);

        Assert.That(traced.Select(t => (t.Start, t.ReceiveStart, t.Delivered)), Is.EqualTo(untraced.Select(t => (t.Start, t.ReceiveStart, t.Delivered))));
    }

    [Test]
    public void AnAbortedUpload_IsASpanToTheAbort_MarkedAborted_InTheChromeTrace()
    {
        var simulation = new Simulation();
        var star = StarTopology.Homogeneous(1, new Link(Bandwidth.FromMegabitsPerSecond(1)), serverIngress: Bandwidth.FromMegabitsPerSecond(10));
        var network = new FlowNetwork(simulation, star, IngressPolicy.SequentialPush);
        using var stream = new MemoryStream();
        using (var sink = new ChromeTraceSink(stream))
        {
            _ = new FlowTracer(sink, network, Messages);
            var transfer = network.Upload(0, DataSize.FromBytes(125_000), null);
            simulation.Run(SimTime.FromMilliseconds(250));
            network.Abort(transfer);
            simulation.Run();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        var events = document.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
        var upload = events.Single(e => e.GetProperty("ph").GetString() == "X" && e.GetProperty("name").GetString() == "upload");
        var counters = events.Where(e => e.GetProperty("ph").GetString() == "C").Select(e => e.GetProperty("args").GetProperty("bit/s").GetInt64()).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(upload.GetProperty("dur").GetDouble(), Is.EqualTo(250_000));
            Assert.That(upload.GetProperty("args").GetProperty("aborted").GetBoolean(), Is.True);
            Assert.That(counters, Is.EqualTo(new[] { 1_000_000L, 0L }));
        }
    }

    [Test]
    public void WriteOffline_WritesEachOfflinePeriod_CutAtTheEnd()
    {
        var simulation = new Simulation();
        var network = new FlowNetwork(simulation, StarTopology.Homogeneous(2, Link.Default), IngressPolicy.Unlimited);
        var records = new List<TraceRecord>();
        var tracer = new FlowTracer(new ListSink(records), network, Messages);
        var availability = new Intervals();

        tracer.WriteOffline(availability, SimTime.FromNanoseconds(350));

        Assert.That(records.Select(r => (r.Node, r.Kind, r.Start.Nanoseconds, r.End.Nanoseconds)), Is.EqualTo(new[]
        {
            (1, TraceKind.Offline, 0L, 100L),
            (1, TraceKind.Offline, 200L, 300L),
        }));
    }

    // Worker 0 always online; worker 1 online in [100, 200) and [300, 400).
    private sealed class Intervals : IWorkerAvailability
    {
        private static readonly long[] Changes = [100, 200, 300, 400];

        public bool IsOnline(int worker, long time) => worker == 0 || Changes.Count(c => c <= time) % 2 == 1;

        public long NextChange(int worker, long time) =>
            worker == 0 ? long.MaxValue : Changes.Where(c => c > time).DefaultIfEmpty(long.MaxValue).First();
    }

    private sealed class ListSink(List<TraceRecord> records) : ITraceSink
    {
        public void Write(in TraceRecord record) => records.Add(record);
    }
}
