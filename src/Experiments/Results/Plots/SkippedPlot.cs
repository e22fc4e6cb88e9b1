namespace Sasg.Experiments.Results.Plots;

/// <summary>A plot that was not drawn.</summary>
/// <param name="Name">The plot's file stem, or a pattern such as "accuracy-vs-*" for a family of plots.</param>
/// <param name="Reason">Why, as a phrase for the user (for example "decisions.csv not found").</param>
public sealed record SkippedPlot(string Name, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Reason}";
}
