using Sasg.Learning.Data;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Driver;

/// <summary>A run of the LAG synthetic least-squares problem over a simulated star network (the README's main job).</summary>
/// <param name="Problem">The LAG synthetic problem (workers, sizes, growth base, seed).</param>
/// <param name="Algorithms">Names of the methods to compare: GD, LAG-WK, LAG-PS.</param>
/// <param name="Tolerance">Stop when |f(theta^k) - f*| is below this (f* in closed form); the LAG papers use 1e-8.</param>
/// <param name="MaxIterations">Stop after this many iterations if the tolerance is not reached.</param>
/// <param name="Uplink">Every worker's uplink and downlink.</param>
/// <param name="Ingress">How the server receives uploads.</param>
/// <param name="CostPerEvaluation">Modelled compute time of one full-batch gradient evaluation on one worker.</param>
public sealed record ConvexRunOptions(
    LagSyntheticOptions Problem,
    IReadOnlyList<string> Algorithms,
    double Tolerance,
    int MaxIterations,
    Link Uplink,
    IngressPolicy Ingress,
    SimTime CostPerEvaluation)
{
    /// <summary>The embedded default: 9 workers, increasing L_m, GD vs LAG-WK vs LAG-PS, 1 Gbit/s links with 50 us
    /// one-way latency, sequential (push) ingress, 20 us per gradient evaluation, to |f - f*| &lt; 1e-8.</summary>
    public static ConvexRunOptions Default { get; } = new(
        new LagSyntheticOptions(),
        ["GD", "LAG-WK", "LAG-PS"],
        1e-8,
        5_000,
        new Link(Bandwidth.OneGigabitPerSecond, SimTime.FromMicroseconds(50), DataSize.Zero),
        IngressPolicy.SequentialPush,
        SimTime.FromMicroseconds(20));
}
