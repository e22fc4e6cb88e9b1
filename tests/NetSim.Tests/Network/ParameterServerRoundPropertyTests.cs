using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Tests.Network;

public sealed class ParameterServerRoundPropertyTests
{
    [FsCheck.NUnit.Property(Replay = "20251125,4715", MaxTest = 200)]
    public bool SequentialPolicies_NeverReceiveTwoUploadsAtOnce(byte[] seeds, bool pull)
    {
        var recorder = new RecordingSink();
        var model = Scenario(seeds, pull ? IngressPolicy.SequentialPull : IngressPolicy.SequentialPush, recorder, out var plan);

        model.Run(plan, 3);

        var receives = recorder.Records.Where(r => r.Kind == TraceKind.Receive).OrderBy(r => r.Start.Nanoseconds).ToArray();
        return receives.Zip(receives.Skip(1)).All(pair => pair.First.End <= pair.Second.Start);
    }

    [FsCheck.NUnit.Property(Replay = "20251125,4717", MaxTest = 200)]
    public bool EveryPolicy_ConservesBytes_AndNeverBeatsTheUplink(byte[] seeds, byte policy)
    {
        var recorder = new RecordingSink();
        var model = Scenario(seeds, (IngressPolicy)(policy % 4), recorder, out var plan);

        var summary = model.Run(plan, 3);

        var sent = recorder.Records.Where(r => r.Kind == TraceKind.Upload).Sum(r => r.Bytes);
        var received = recorder.Records.Where(r => r.Kind == TraceKind.Receive).Sum(r => r.Bytes);
        var physical = recorder.Records.Where(r => r.Kind == TraceKind.Receive).All(r =>
        {
            var uplink = model.Topology.Uplinks[r.Node];
            return r.Duration >= uplink.TransferTime(DataSize.FromBytes(r.Bytes));
        });
        return sent == received && received == summary.UploadedBytes.Bytes && physical;
    }

    [FsCheck.NUnit.Property(Replay = "20251125,4719", MaxTest = 100)]
    public bool FairShare_MakespanIsAtLeastTotalBitsOverIngress(byte[] seeds)
    {
        var model = Scenario(seeds, IngressPolicy.FairShare, trace: null, out var plan);

        var timing = model.RunRound(0, SimTime.Zero, plan);

        var firstArrival = Enumerable.Range(0, timing.WorkerCount).Where(w => timing[w].Uploaded)
            .Select(w => timing[w].ReceiveStart.Nanoseconds).DefaultIfEmpty(0).Min();
        var lastEnd = Enumerable.Range(0, timing.WorkerCount).Select(w => timing[w].ReceiveEnd.Nanoseconds).Max();
        var totalBits = Enumerable.Range(0, timing.WorkerCount).Where(w => timing[w].Uploaded)
            .Sum(w => model.Topology.Uplinks[w].WireSize(timing[w].UploadSize).Bits);
        return (lastEnd - firstArrival) * (double)model.Topology.ServerIngress.BitsPerSecond >= totalBits * 1e9 - 1e9;
    }

    // A small heterogeneous scenario drawn from the bytes: per-worker uplinks, latencies, sizes, skips and costs.
    internal static ParameterServerRound Scenario(
        byte[] seeds, IngressPolicy policy, ITraceSink? trace, out IRoundPlan plan)
    {
        var workers = Math.Clamp(seeds.Length / 3, 1, 12);
        var bytes = Enumerable.Range(0, workers * 3).Select(i => i < seeds.Length ? seeds[i] : (byte)(i * 37)).ToArray();
        var uplinks = Enumerable.Range(0, workers).Select(w => new Link(
            Bandwidth.FromMegabitsPerSecond(10 + (bytes[3 * w] % 4 * 300)),
            SimTime.FromMicroseconds(bytes[(3 * w) + 1] % 7 * 100),
            DataSize.FromBytes(bytes[3 * w] % 2 * 66))).ToArray();
        var star = new StarTopology(uplinks, uplinks, Bandwidth.FromMegabitsPerSecond(500));
        var actions = Enumerable.Range(0, workers).Select(w => bytes[(3 * w) + 2] % 5 == 0
            ? WorkerAction.Skip(SimTime.FromMicroseconds(bytes[3 * w]))
            : WorkerAction.Upload(DataSize.FromBytes(bytes[(3 * w) + 2] * 1_000L), SimTime.FromMicroseconds(bytes[3 * w]))).ToArray();
        plan = FixedRoundPlan.Repeating(actions);
        var compute = new ComputeModel(Enumerable.Repeat(1.0, workers).ToArray(), StragglerNoise.Uniform(0.5, 2), seed: 5);
        var options = new ParameterServerOptions { Ingress = policy, ModelSize = DataSize.FromKilobytes(10) };
        return new ParameterServerRound(star, compute, options, trace);
    }
}
