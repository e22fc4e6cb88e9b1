using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class WorkerTraceFileTests
{
    [Test]
    public void Parse_BuildsAHeterogeneousTopologyAndComputeModel()
    {
        var text = WorkerTraceFile.Header + "\n1,2.0,1e8,1e9,0.005,0.001\n0,1.0,1e9,1e9,0.0005,0.0005\n";

        var profiles = WorkerTraceFile.Parse(new StringReader(text));
        var star = WorkerTraceFile.ToTopology(profiles, Bandwidth.OneGigabitPerSecond);
        var compute = WorkerTraceFile.ToComputeModel(profiles);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(star.Uplinks.Select(l => l.Bandwidth.BitsPerSecond), Is.EqualTo(new[] { 1_000_000_000L, 100_000_000L }));
            Assert.That(star.Uplinks[1].Latency.Nanoseconds, Is.EqualTo(5_000_000));
            Assert.That(star.Downlinks[1].Latency.Nanoseconds, Is.EqualTo(1_000_000));
            Assert.That(compute.ComputeFactors, Is.EqualTo(new[] { 1.0, 2.0 }));
        }
    }

    [TestCase("0,1.0,1e9,1e9,NaN,0", "2")]
    [TestCase("0,1.0,-5,1e9,0,0", "2")]
    [TestCase("0,0,1e9,1e9,0,0", "compute_factor")]
    [TestCase("0,1.0,1e9", "6 columns")]
    public void Parse_WithABadLine_ThrowsNamingTheLine(string line, string expected)
    {
        var text = WorkerTraceFile.Header + "\n" + line + "\n";

        Assert.That(
            () => WorkerTraceFile.Parse(new StringReader(text), "devices.csv"),
            Throws.TypeOf<FormatException>().With.Message.Contains("devices.csv:2").And.Message.Contains(expected));
    }
}
