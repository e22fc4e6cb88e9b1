namespace Sasg.NetSim.Network;

/// <summary>Parses the policy and mode names used in scenario files (case-insensitive, '-' and '_' ignored).</summary>
public static class NetworkNames
{
    /// <summary>The ingress policy named <paramref name="name"/>: sequential-push (or sequential), sequential-pull, fair-share, unlimited.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the parameter name is "name".</exception>
    public static IngressPolicy ParseIngressPolicy(string name)
    {
        return Normalize(name) switch
        {
            "sequential" or "sequentialpush" or "push" => IngressPolicy.SequentialPush,
            "sequentialpull" or "pull" => IngressPolicy.SequentialPull,
            "fairshare" or "fair" => IngressPolicy.FairShare,
            "unlimited" => IngressPolicy.Unlimited,
            _ => throw new ArgumentException(
                $"Unknown ingress policy '{name}'; use sequential-push, sequential-pull, fair-share or unlimited.",
                nameof(name)),
        };
    }

    /// <summary>The broadcast mode named <paramref name="name"/>: parallel, sequential, binomial-tree (or tree).</summary>
    /// <exception cref="ArgumentException">The name is unknown; the parameter name is "name".</exception>
    public static BroadcastMode ParseBroadcastMode(string name)
    {
        return Normalize(name) switch
        {
            "parallel" => BroadcastMode.Parallel,
            "sequential" => BroadcastMode.Sequential,
            "binomialtree" or "tree" => BroadcastMode.BinomialTree,
            _ => throw new ArgumentException(
                $"Unknown broadcast mode '{name}'; use parallel, sequential or binomial-tree.", nameof(name)),
        };
    }

    private static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace("-", string.Empty, StringComparison.Ordinal)
            .Replace("_", string.Empty, StringComparison.Ordinal)
            .Trim()
            .ToLowerInvariant();
    }
}
