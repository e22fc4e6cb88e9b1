namespace Sasg.NetSim.Network;

/// <summary>One upload as the ingress sees it: arrival of its first byte, wire bits, rate cap; ordered by (arrival, worker).</summary>
internal struct IngressUpload : IComparable<IngressUpload>
{
    public long Arrival;
    public int Worker;
    public long Bits;
    public long Cap;

    public readonly int CompareTo(IngressUpload other)
    {
        var byTime = Arrival.CompareTo(other.Arrival);
        return byTime != 0 ? byTime : Worker.CompareTo(other.Worker);
    }
}
