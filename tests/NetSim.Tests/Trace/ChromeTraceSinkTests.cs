using System.Text.Json;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Tests.Trace;

public sealed class ChromeTraceSinkTests
{
    [Test]
    public void Write_ProducesTraceEventJsonWithCompleteEventsInMicroseconds()
    {
        using var stream = new MemoryStream();
        using (var sink = new ChromeTraceSink(stream))
        {
            sink.Write(new TraceRecord(SimTime.FromNanoseconds(1_500), SimTime.FromNanoseconds(4_000), 2, TraceKind.Compute, 7, 0));
            sink.Write(new TraceRecord(SimTime.FromNanoseconds(5_000), SimTime.FromNanoseconds(6_000), 2, TraceKind.Receive, 7, 99));
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        var events = document.RootElement.GetProperty("traceEvents").EnumerateArray()
            .Where(e => e.GetProperty("ph").GetString() == "X").ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(events, Has.Length.EqualTo(2));
            Assert.That(events[0].GetProperty("ts").GetDouble(), Is.EqualTo(1.5));
            Assert.That(events[0].GetProperty("dur").GetDouble(), Is.EqualTo(2.5));
            Assert.That(events[0].GetProperty("tid").GetInt32(), Is.EqualTo(3));
            Assert.That(events[1].GetProperty("tid").GetInt32(), Is.Zero);
            Assert.That(events[1].GetProperty("name").GetString(), Is.EqualTo("receive w2"));
            Assert.That(events[1].GetProperty("args").GetProperty("bytes").GetInt64(), Is.EqualTo(99));
        }
    }

    [Test]
    public void ManyRecords_ReachTheStreamBeforeDispose_AndTheDocumentStaysValid()
    {
        using var stream = new MemoryStream();
        long beforeDispose;
        using (var sink = new ChromeTraceSink(stream))
        {
            for (var i = 0; i < 5_000; i++)
            {
                sink.Write(new TraceRecord(SimTime.FromNanoseconds(i), SimTime.FromNanoseconds(i + 10), i % 7, TraceKind.Upload, i, 100));
            }

            beforeDispose = stream.Length;
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(beforeDispose, Is.GreaterThan(stream.Length - (128 * 1024)));
            Assert.That(document.RootElement.GetProperty("traceEvents").GetArrayLength(), Is.EqualTo(5_000 + 7));
        }
    }

    [Test]
    public void Document_StartsAndEndsWithTheDeclaredWrapper_AndBeginProcessNamesTheProcess()
    {
        using var stream = new MemoryStream();
        using (var sink = new ChromeTraceSink(stream))
        {
            sink.BeginProcess(3, "SASG");
            sink.Write(new TraceRecord(SimTime.Zero, SimTime.FromNanoseconds(1_000), 0, TraceKind.Compute, 0, 0));
        }

        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        using var document = JsonDocument.Parse(text);
        var events = document.RootElement.GetProperty("traceEvents").EnumerateArray().ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.StartWith(ChromeTraceSink.DocumentStart).And.EndWith(ChromeTraceSink.DocumentEnd));
            Assert.That(events.Single(e => e.GetProperty("name").GetString() == "process_name").GetProperty("args").GetProperty("name").GetString(), Is.EqualTo("SASG"));
            Assert.That(events.Where(e => e.GetProperty("ph").GetString() == "X").Select(e => e.GetProperty("pid").GetInt32()), Is.EqualTo(new[] { 3 }));
        }
    }

    [Test]
    public void Run_WithASink_HasTheSameTimesAsWithout()
    {
        var plan = FixedRoundPlan.AllUpload(5, DataSize.FromKilobytes(300), SimTime.FromMilliseconds(1));
        using var stream = new MemoryStream();
        ParameterServerRunSummary traced;
        using (var sink = new ChromeTraceSink(stream))
        {
            traced = Model(sink).Run(plan, 10);
        }

        var untraced = Model(null).Run(plan, 10);

        Assert.That(traced, Is.EqualTo(untraced));

        static ParameterServerRound Model(ITraceSink? sink)
        {
            var compute = ComputeModel.Uniform(5, StragglerNoise.Uniform(1, 2), seed: 3);
            return new ParameterServerRound(StarTopology.Homogeneous(5), compute, new ParameterServerOptions(), sink);
        }
    }
}
