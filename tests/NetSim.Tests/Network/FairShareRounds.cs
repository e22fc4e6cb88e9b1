using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

/// <summary>Random fair-share rounds for the property tests and the benchmark: uploads sorted by (arrival, worker).</summary>
internal static class FairShareRounds
{
    /// <summary>
    /// M uploads from a seed: start times and latencies (arrivals often tied), sizes (some zero), uplink caps from a
    /// few classes or all distinct, and an ingress from far below the caps' sum (1 bit/s flows) to above it.
    /// </summary>
    public static (IngressUpload[] Uploads, long Capacity) Random(int seed, int workers)
    {
        var random = new Random(seed);
        var capacity = random.Next(4) switch
        {
            0 => random.NextInt64(0, workers + 2),
            1 => random.NextInt64(1, 1_000_000),
            2 => 1_000_000_000,
            _ => random.NextInt64(1, 100_000_000_000),
        };
        var classes = random.Next(3) == 0 ? workers : random.Next(1, 4);
        var caps = Enumerable.Range(0, classes).Select(_ => random.NextInt64(1, Math.Max(2, capacity) + 1)).ToArray();
        var spread = random.Next(3) switch { 0 => 0, 1 => 1_000, _ => 10_000_000 };
        var uploads = new IngressUpload[workers];
        for (var w = 0; w < workers; w++)
        {
            var start = random.NextInt64(0, spread + 1);
            var latency = random.Next(2) == 0 ? 0 : random.NextInt64(0, 500_000);
            uploads[w] = new IngressUpload
            {
                Arrival = start + latency,
                Worker = w,
                Bits = random.Next(10) == 0 ? 0 : random.NextInt64(1, random.Next(2) == 0 ? 1_000 : 100_000_000),
                Cap = caps[random.Next(classes)],
            };
        }

        Array.Sort(uploads);
        return (uploads, capacity);
    }

    /// <summary>A synchronous round as the benchmark loads it: 10 uplink classes of 100 Mbit/s to 1 Gbit/s, 1 Gbit/s ingress.</summary>
    public static IngressUpload[] Benchmark(int workers)
    {
        var random = new Random(20251202);
        var uploads = new IngressUpload[workers];
        for (var w = 0; w < workers; w++)
        {
            uploads[w] = new IngressUpload
            {
                // Compute of 2 ms with log-normal-like noise, then 0.5 ms of latency.
                Arrival = (long)(2_000_000 * Math.Exp(0.3 * ((random.NextDouble() * 2) - 1))) + 500_000,
                Worker = w,
                Bits = (32_768 + (w % 100 * 100) + 66) * 8L,
                Cap = 100_000_000L * (1 + (w % 10)),
            };
        }

        Array.Sort(uploads);
        return uploads;
    }
}
