using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Topologies;

namespace Sasg.Experiments.Fidelity;

/// <summary>The simulator's prediction of each planned iteration on an emulated network (tools/netem): the same
/// uploads through <see cref="ParameterServerRound"/> with no compute, under one <see cref="LinkModelVariant"/>.</summary>
/// <remarks>
/// The emulated iteration starts when the server writes its commands and ends at the kernel timestamp of the last
/// byte of the last upload or skip notice. Simulated alike: the command is the round's broadcast of
/// <see cref="CommandBytes"/> (push) or the pull policy's request (pull: <see cref="IngressPolicy.SequentialPull"/>,
/// 2D + T per upload); push uses <see cref="IngressPolicy.FairShare"/> (TCP flows share the server link). Every
/// worker's uplink and the server's ingress run at the configuration's rate; the emulated downlinks are unshaped
/// veths, modelled as <see cref="DownlinkRate"/>. A skip notice is the 8-byte header alone. For new-connection runs
/// the wire variants add <see cref="TcpNewConnection"/> (handshake and slow start) to every upload; the payload
/// variant stays the old model.
/// </remarks>
public static class FidelityModel
{
    /// <summary>The server's command message: payload size and flags.</summary>
    public static readonly DataSize CommandBytes = DataSize.FromBytes(16);

    /// <summary>The application header before every upload and skip notice.</summary>
    public static readonly DataSize UploadHeaderBytes = DataSize.FromBytes(8);

    /// <summary>The rate of the unshaped server-to-worker direction.</summary>
    public static readonly Bandwidth DownlinkRate = Bandwidth.FromGigabitsPerSecond(10);

    /// <summary>The MTU of the emulated links.</summary>
    public const int Mtu = 1500;

    /// <summary>Simulated duration in nanoseconds of each iteration of <paramref name="plan"/>.</summary>
    /// <param name="configuration">The emulated network.</param>
    /// <param name="plan">The iterations, each with M sizes.</param>
    /// <param name="variant">How the links are modelled.</param>
    /// <param name="measuredRoundTrip">The ping RTT_min on the emulated path; needed by
    /// <see cref="LinkModelVariant.WireMeasuredLatency"/>.</param>
    /// <exception cref="ArgumentException">A measured-latency variant has no RTT, or an iteration has another M.</exception>
    public static IReadOnlyList<long> Simulate(
        FidelityConfiguration configuration, IReadOnlyList<PlannedIteration> plan, LinkModelVariant variant, SimTime? measuredRoundTrip)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var policy = configuration.Mode == FidelityMode.Push ? IngressPolicy.FairShare : IngressPolicy.SequentialPull;
        return [.. Rounds(configuration, plan, variant, measuredRoundTrip, policy).Select(r => r.Duration)];
    }

    /// <summary>Per iteration and worker, when the simulated server has that worker's upload or skip notice (ns after
    /// the iteration's start), under <paramref name="policy"/> (to compare push policies upload by upload).</summary>
    /// <exception cref="ArgumentException">As <see cref="Simulate"/>.</exception>
    public static IReadOnlyList<IReadOnlyList<long>> Completions(
        FidelityConfiguration configuration, IReadOnlyList<PlannedIteration> plan, LinkModelVariant variant, IngressPolicy policy)
    {
        return [.. Rounds(configuration, plan, variant, null, policy).Select(r => r.Completions)];
    }

    private static List<(long Duration, long[] Completions)> Rounds(
        FidelityConfiguration configuration,
        IReadOnlyList<PlannedIteration> plan,
        LinkModelVariant variant,
        SimTime? measuredRoundTrip,
        IngressPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(plan);
        var m = configuration.Workers;
        if (plan.Any(p => p.Sizes.Count != m))
        {
            throw new ArgumentException($"Every planned iteration must have {m} sizes.", nameof(plan));
        }

        var latency = variant switch
        {
            LinkModelVariant.WireMeasuredLatency => measuredRoundTrip is { } rtt
                ? SimTime.FromNanoseconds(rtt.Nanoseconds / 2)
                : throw new ArgumentException("The measured-latency variant needs the measured RTT.", nameof(measuredRoundTrip)),
            LinkModelVariant.WireDoubleLatency => SimTime.FromNanoseconds(2 * configuration.Latency.Nanoseconds),
            _ => configuration.Latency,
        };
        var rate = variant == LinkModelVariant.WireSlowLinks
            ? Bandwidth.FromBitsPerSecond(configuration.Rate.BitsPerSecond * 9 / 10)
            : configuration.Rate;
        var wire = variant != LinkModelVariant.Payload;
        var header = wire ? UploadHeaderBytes : DataSize.Zero;
        var framing = wire ? new TcpFraming(Mtu) : null;
        var up = new Link(rate, latency, header)
        {
            Framing = framing,
            NewConnection = wire && configuration.NewConnection ? new TcpNewConnection() : null,
        };
        var down = new Link(DownlinkRate, latency, DataSize.Zero) { Framing = framing };
        // On the tree the server has no shared ingress: each aggregator's own link at the rate is its only limit.
        var topology = StarTopology.Homogeneous(
            m, up, down, configuration.Groups > 0 ? Bandwidth.FromBitsPerSecond(rate.BitsPerSecond * configuration.Groups) : rate);
        var options = new ParameterServerOptions
        {
            Ingress = policy,
            Broadcast = BroadcastMode.Parallel,
            ModelSize = wire ? CommandBytes : DataSize.Zero,
            RequestSize = wire ? CommandBytes : DataSize.Zero,
            SkipNoticeSize = DataSize.Zero,
        };
        var rounds = plan.Select(p => p.Sizes
            .Select(s => s >= 0 ? WorkerAction.Upload(DataSize.FromBytes(s), SimTime.Zero) : WorkerAction.Skip(SimTime.Zero))
            .ToArray()).ToArray();
        var result = new List<(long, long[])>(plan.Count);
        if (plan.Count == 0)
        {
            return result;
        }

        IRoundNetwork round = configuration.Groups > 0
            ? new HierarchicalRound(topology, TreeLayout(configuration, up, down), ComputeModel.Uniform(m), options, NoMerge.Instance)
            : new ParameterServerRound(topology, ComputeModel.Uniform(m), options);
        round.Run(new FixedRoundPlan(rounds), plan.Count, t => result.Add((
            (t.End - t.Start).Nanoseconds,
            Enumerable.Range(0, m).Select(w => (t[w].Reported - t.Start).Nanoseconds).ToArray())));
        return result;
    }

    /// <summary>The two-level tree of tools/ns3 (<c>--groups G</c>): worker w in group w / (M / G); each aggregator's
    /// link to the server is the server link of the star (the configuration's rate, no latency, the same header and
    /// framing), its link back the unshaped downlink (no latency), its ingress from its workers M / G times a worker's uplink
    /// rate and the server's ingress G times the rate: ns-3's tree has no shared link below an aggregator's uplink; each upload is
    /// forwarded as is when it is in (<see cref="HierarchicalLayout.Merge"/> false).</summary>
    /// <param name="configuration">The emulated network, with <see cref="FidelityConfiguration.Groups"/> dividing M.</param>
    /// <param name="up">A worker's uplink.</param>
    /// <param name="down">A worker's downlink.</param>
    /// <exception cref="ArgumentException">G does not divide M.</exception>
    public static HierarchicalLayout TreeLayout(FidelityConfiguration configuration, Link up, Link down)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(up);
        ArgumentNullException.ThrowIfNull(down);
        var m = configuration.Workers;
        var g = configuration.Groups;
        if (g < 1 || m % g != 0)
        {
            throw new ArgumentException($"The groups ({g}) must divide the workers ({m}).", nameof(configuration));
        }

        var uplink = up with { Latency = SimTime.Zero };
        var downlink = down with { Latency = SimTime.Zero };
        return new HierarchicalLayout(
            [.. Enumerable.Range(0, m).Select(w => w / (m / g))],
            [.. Enumerable.Repeat(uplink, g)],
            [.. Enumerable.Repeat(downlink, g)],
            [.. Enumerable.Repeat(Bandwidth.FromBitsPerSecond(up.Bandwidth.BitsPerSecond * (m / g)), g)],
            Merge: false);
    }

    private sealed class NoMerge : IMessageSizes
    {
        public static readonly NoMerge Instance = new();

        public DataSize Merged(int round, ReadOnlySpan<int> uploaders) => throw new NotSupportedException("The tree forwards each upload.");

        public DataSize Slice(int round, int worker, int shard, int shards) => throw new NotSupportedException("The tree forwards each upload.");

        public DataSize ModelSlice(int shard, int shards) => throw new NotSupportedException("The tree forwards each upload.");
    }
}
