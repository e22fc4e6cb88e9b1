using Sasg.Experiments.Fidelity;
using Sasg.NetSim.Kernel;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Fidelity;

public sealed class EmulationResultTests
{
    internal const string Header = "pass,iteration,worker,bytes,command_ns,done_ns,read_ns";

    [Test]
    public void Read_TakesTheLastWorkerDonePerPassAndIteration_AndTheRecordedRoundTrip()
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile("uploads.csv", $"{Header}\n0,0,0,10,1,500,600\n0,0,1,-1,1,700,800\n1,0,0,10,1,400,450\n1,0,1,-1,1,300,320\n");
        folder.WriteFile("environment.txt", "mtu=1500\nping_rtt_ms_min_avg_max=10.25 10.5 11\n");

        var result = EmulationResult.Read(folder.Path, 1, 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Durations.Select(p => p[0]), Is.EqualTo(new long[] { 700, 400 }));
            Assert.That(result.RoundTripMinimum, Is.EqualTo(SimTime.FromNanoseconds(10_250_000)));
            Assert.That(result.Environment["mtu"], Is.EqualTo("1500"));
        }
    }

    [Test]
    public void Read_RowsThatAreNotWholePasses_AreAnErrorNamingTheFile()
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile("uploads.csv", $"{Header}\n0,0,0,10,1,500,600\n");
        folder.WriteFile("environment.txt", "mtu=1500\n");

        Assert.That(
            () => EmulationResult.Read(folder.Path, 1, 2),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("uploads.csv").And.Message.Contains("whole passes"));
    }

    [Test]
    public void Read_WithProbes_ReturnsEveryProbe_AndWithoutThemNone()
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile("uploads.csv", $"{Header}\n0,0,0,10,1,500,600\n");
        folder.WriteFile("environment.txt", "mtu=1500\n");
        var without = EmulationResult.Read(folder.Path, 1, 1);
        folder.WriteFile("probes.csv", "pass,iteration,worker,probe_ns\n0,0,0,1200000\n1,0,0,1300000\n");

        var with = EmulationResult.Read(folder.Path, 1, 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(without.ProbeNanoseconds, Is.Empty);
            Assert.That(with.ProbeNanoseconds, Is.EqualTo(new long[] { 1_200_000, 1_300_000 }));
        }
    }

    [TestCase("pass,iteration,worker,probe_ns\n0,0,0,-5\n", "line 2")]
    [TestCase("pass,iteration,worker,probe_ns\n0,0,0\n", "line 2")]
    [TestCase("probe\n", "line 1")]
    public void Read_MalformedProbes_AreAnErrorNamingTheFileAndLine(string probes, string line)
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile("uploads.csv", $"{Header}\n0,0,0,10,1,500,600\n");
        folder.WriteFile("environment.txt", "mtu=1500\n");
        folder.WriteFile("probes.csv", probes);

        Assert.That(
            () => EmulationResult.Read(folder.Path, 1, 1),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("probes.csv").And.Message.Contains(line));
    }

    [Test]
    public void Read_MissingFiles_AreAnError()
    {
        using var folder = new TemporaryDirectory();

        Assert.That(() => EmulationResult.Read(folder.Path, 1, 1), Throws.InstanceOf<InvalidDataException>());
    }
}
