using Sasg.Experiments.Results.Plots;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Trace;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Results.Plots;

public sealed class TraceCsvTests
{
    [Test]
    public void Read_RoundTripsCsvTraceSink_AndStopsAtTheRoundLimit()
    {
        TraceRecord[] records =
        [
            new(SimTime.Zero, SimTime.FromNanoseconds(53200), 0, TraceKind.Broadcast, 0, 400),
            new(SimTime.FromNanoseconds(73200), SimTime.FromNanoseconds(126400), 1, TraceKind.Upload, 0, 400),
            new(SimTime.FromNanoseconds(126400), SimTime.FromNanoseconds(130000), TraceRecord.ServerNode, TraceKind.Round, 0, 0),
            new(SimTime.FromNanoseconds(130000), SimTime.FromNanoseconds(140000), 1, TraceKind.QueueWait, 1, 0),
            new(SimTime.FromNanoseconds(140000), SimTime.FromNanoseconds(150000), 0, TraceKind.Skip, 2, 0),
        ];
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "trace.csv");
        using (var sink = new CsvTraceSink(new StreamWriter(path), ownsWriter: true))
        {
            foreach (var record in records)
            {
                sink.Write(record);
            }
        }

        var firstTwoRounds = TraceCsv.Read(path, rounds: 2);

        Assert.That(firstTwoRounds, Is.EqualTo(records[..4]));
    }

    [Test]
    public void Read_WithAnUnknownKind_ThrowsNamingTheLine()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("trace.csv", TraceCsv.Header + "\n0,10,0,compute,0,0\n10,20,server,nap,0,0\n");

        Assert.That(
            () => TraceCsv.Read(path, rounds: 20),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("line 3: not a trace row"));
    }
}
