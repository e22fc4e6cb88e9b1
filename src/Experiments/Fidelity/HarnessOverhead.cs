using System.Globalization;

namespace Sasg.Experiments.Fidelity;

/// <summary>What the emulator itself adds to one command-and-reply round trip in one run: the payload-free probes that
/// tools/netem/tcpuploads.c times before every iteration (probes.csv), less the 2D the emulated path is meant to
/// cost.</summary>
/// <remarks>
/// A probe is a 16-byte command from the server and the worker's 8-byte notice, timed like an iteration (from before
/// the server writes to the kernel timestamp of the reply). Both fit in the shapers' burst, so on an ideal path it
/// takes 2D; the rest is the delay lines' wake-ups, the namespaces' forwarding and the endpoints' scheduling, which a
/// real network does not have and the simulator must not be charged with. Every command-and-reply exchange of an
/// iteration pays it once (<see cref="Exchanges"/>).
/// </remarks>
/// <param name="Count">The number of probes.</param>
/// <param name="MedianNanoseconds">The median of probe − 2D over the run, at least 0: what is subtracted per exchange.</param>
/// <param name="P95Nanoseconds">The 95th percentile of probe − 2D (reported, not subtracted).</param>
public sealed record HarnessOverhead(int Count, long MedianNanoseconds, long P95Nanoseconds)
{
    /// <summary>No probes (a run recorded before probes existed): nothing is subtracted.</summary>
    public static readonly HarnessOverhead None = new(0, 0, 0);

    /// <summary>The overhead of the probes <paramref name="probeNanoseconds"/> on a path of one-way latency
    /// <paramref name="configuration"/>.Latency.</summary>
    public static HarnessOverhead From(FidelityConfiguration configuration, IReadOnlyList<long> probeNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(probeNanoseconds);
        if (probeNanoseconds.Count == 0)
        {
            return None;
        }

        var excess = probeNanoseconds.Select(p => (double)(p - (2 * configuration.Latency.Nanoseconds))).Order().ToArray();
        return new HarnessOverhead(
            excess.Length,
            (long)Math.Max(0, Math.Round(FidelityAnalysis.Quantile(excess, 0.5))),
            (long)Math.Max(0, Math.Round(FidelityAnalysis.Quantile(excess, 0.95))));
    }

    /// <summary>The command-and-reply exchanges one after another in an iteration of <paramref name="configuration"/>:
    /// push 1 (all commands at once, the round ends with the last reply); pull one per upload (each command waits for
    /// the previous upload), at least 1; a new connection per upload adds its handshake's round trip to each.</summary>
    public static int Exchanges(FidelityConfiguration configuration, PlannedIteration iteration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(iteration);
        var handshake = configuration.NewConnection ? 2 : 1;
        var uploads = iteration.Sizes.Count(s => s >= 0);
        return configuration.Mode == FidelityMode.Push
            ? (uploads > 0 ? handshake : 1)
            : Math.Max(1, uploads * handshake);
    }

    /// <summary>The overhead subtracted from a measured iteration of <paramref name="configuration"/>: the median per
    /// exchange times <see cref="Exchanges"/>.</summary>
    public long For(FidelityConfiguration configuration, PlannedIteration iteration) =>
        MedianNanoseconds * Exchanges(configuration, iteration);

    /// <summary>"0.21 / 0.40 ms (n = 15)", or "not measured".</summary>
    public override string ToString() => Count == 0
        ? "not measured"
        : string.Create(CultureInfo.InvariantCulture, $"{MedianNanoseconds / 1e6:0.000} / {P95Nanoseconds / 1e6:0.000} ms (n = {Count})");
}
