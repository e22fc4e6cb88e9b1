namespace Sasg.NetSim.Network;

/// <summary>M workers and one server joined by a switch: each worker has its own uplink and downlink.</summary>
/// <remarks>
/// The server's ingress bandwidth bounds uploads under <see cref="IngressPolicy.SequentialPush"/>,
/// <see cref="IngressPolicy.SequentialPull"/> and <see cref="IngressPolicy.FairShare"/>; downlinks bound broadcasts.
/// </remarks>
public sealed class StarTopology
{
    private readonly Link[] _uplinks;
    private readonly Link[] _downlinks;

    /// <summary>A star with one uplink and one downlink per worker (the lists are copied).</summary>
    /// <exception cref="ArgumentException">The lists are empty, differ in length or hold null.</exception>
    public StarTopology(IReadOnlyList<Link> uplinks, IReadOnlyList<Link> downlinks, Bandwidth serverIngress)
    {
        ArgumentNullException.ThrowIfNull(uplinks);
        ArgumentNullException.ThrowIfNull(downlinks);
        if (uplinks.Count == 0)
        {
            throw new ArgumentException("A star needs at least one worker.", nameof(uplinks));
        }

        if (downlinks.Count != uplinks.Count)
        {
            throw new ArgumentException(
                $"There are {uplinks.Count} uplinks but {downlinks.Count} downlinks.", nameof(downlinks));
        }

        _uplinks = [.. uplinks];
        _downlinks = [.. downlinks];
        if (_uplinks.Contains(null) || _downlinks.Contains(null))
        {
            throw new ArgumentException("No link may be null.", _uplinks.Contains(null) ? nameof(uplinks) : nameof(downlinks));
        }

        ServerIngress = serverIngress.BitsPerSecond > 0
            ? serverIngress
            : throw new ArgumentOutOfRangeException(nameof(serverIngress), "The server ingress must be set.");
    }

    /// <summary>The number of workers, M.</summary>
    public int WorkerCount => _uplinks.Length;

    /// <summary>Each worker's link towards the server.</summary>
    public IReadOnlyList<Link> Uplinks => _uplinks;

    /// <summary>Each worker's link from the server.</summary>
    public IReadOnlyList<Link> Downlinks => _downlinks;

    /// <summary>The rate at which the server can receive, shared or taken in turn by uploads.</summary>
    public Bandwidth ServerIngress { get; }

    /// <summary>A star of <paramref name="workers"/> identical workers (1 Gbit/s links and ingress unless given).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workers"/> is less than one.</exception>
    public static StarTopology Homogeneous(
        int workers, Link? uplink = null, Link? downlink = null, Bandwidth? serverIngress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        return new StarTopology(
            Enumerable.Repeat(uplink ?? Link.Default, workers).ToArray(),
            Enumerable.Repeat(downlink ?? Link.Default, workers).ToArray(),
            serverIngress ?? Bandwidth.OneGigabitPerSecond);
    }

    internal Link[] UplinkArray => _uplinks;

    internal Link[] DownlinkArray => _downlinks;
}
