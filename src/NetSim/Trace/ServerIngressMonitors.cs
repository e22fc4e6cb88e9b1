namespace Sasg.NetSim.Trace;

/// <summary>Time-weighted monitors of the server's ingress, filled by the parameter-server round when attached.</summary>
public sealed class ServerIngressMonitors
{
    /// <summary>Uploads that have reached the server's ingress and wait to be taken (sequential push).</summary>
    public TimeWeightedMonitor QueueLength { get; } = new();

    /// <summary>The ingress's receive rate as a fraction of its bandwidth (above 1 only under the unlimited policy).</summary>
    public TimeWeightedMonitor Utilization { get; } = new();
}
