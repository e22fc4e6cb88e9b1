using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Protocols;

/// <summary>When a deadline round closes, and what happens to an upload that misses it.</summary>
/// <param name="After">The round closes this long after it starts (the broadcast), or null.</param>
/// <param name="Fastest">The round closes at its k-th arrival, or null.</param>
/// <param name="Keep">Over-selection: the round closes at its K-th arrival (the first K are kept), or null.</param>
/// <param name="KeepLate">Whether a late upload goes on and joins the next update (stale) instead of being dropped.</param>
public sealed record DeadlineRule(SimTime? After = null, int? Fastest = null, int? Keep = null, bool KeepLate = false)
{
    /// <summary>Checks that the round has a deadline and that its numbers are positive.</summary>
    /// <exception cref="ArgumentException">Neither <see cref="After"/> nor <see cref="Fastest"/> is set, or one is not positive.</exception>
    public void Validate()
    {
        if (After is null && Fastest is null)
        {
            throw new ArgumentException("A deadline round needs a time (After) or an arrival count (Fastest).");
        }

        if (After is { } after && after <= SimTime.Zero)
        {
            throw new ArgumentException("The deadline must be after the round's start.", nameof(After));
        }

        if (Fastest is < 1 || Keep is < 1)
        {
            throw new ArgumentException("Fastest and Keep must be at least 1.");
        }
    }
}
