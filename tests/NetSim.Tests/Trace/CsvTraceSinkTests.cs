using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Tests.Network;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Tests.Trace;

public sealed class CsvTraceSinkTests
{
    [Test]
    public void Write_UsesStableColumnsAndInvariantNumbers()
    {
        using var text = new StringWriter();
        using (var sink = new CsvTraceSink(text))
        {
            sink.Write(new TraceRecord(SimTime.FromNanoseconds(1_500), SimTime.FromNanoseconds(9_000), 3, TraceKind.QueueWait, 2, 0));
            sink.Write(new TraceRecord(SimTime.Zero, SimTime.FromMicroseconds(1), TraceRecord.ServerNode, TraceKind.Round, 0, 1_234_567));
        }

        Assert.That(text.ToString(), Is.EqualTo(
            "start_ns,end_ns,node,kind,round,bytes\n1500,9000,3,queue_wait,2,0\n0,1000,server,round,0,1234567\n"));
    }

    [Test]
    public void Run_WithTheSameSeed_WritesIdenticalTraceBytes_AndAnotherSeedDiffers()
    {
        var first = Trace(seed: 11);
        var second = Trace(seed: 11);
        var other = Trace(seed: 12);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
            Assert.That(first.Length, Is.GreaterThan(1_000));
        }
    }

    [FsCheck.NUnit.Property(Replay = "20251125,4721", MaxTest = 50)]
    public bool Run_SameScenarioTwice_GivesIdenticalBytes(byte[] seeds, byte policy)
    {
        return Scenario(seeds, policy).SequenceEqual(Scenario(seeds, policy));

        static byte[] Scenario(byte[] seeds, byte policy)
        {
            using var text = new StringWriter();
            using (var sink = new CsvTraceSink(text))
            {
                var model = ParameterServerRoundPropertyTests.Scenario(seeds, (IngressPolicy)(policy % 4), sink, out var plan);
                model.Run(plan, 2);
            }

            return System.Text.Encoding.UTF8.GetBytes(text.ToString());
        }
    }

    private static string Trace(ulong seed)
    {
        using var text = new StringWriter();
        using (var sink = new CsvTraceSink(text))
        {
            var compute = new ComputeModel([1.0, 1.2, 0.8, 2.0], StragglerNoise.LogNormal(-0.08, 0.4), seed);
            var options = new ParameterServerOptions { Ingress = IngressPolicy.FairShare, ModelSize = DataSize.FromKilobytes(100) };
            var model = new ParameterServerRound(StarTopology.Homogeneous(4), compute, options, sink);
            model.Run(FixedRoundPlan.AllUpload(4, DataSize.FromKilobytes(50), SimTime.FromMilliseconds(1)), 5);
        }

        return text.ToString();
    }
}
