namespace Sasg.Experiments.Replay;

/// <summary>The words of <see cref="DecisionKind"/> in the decision files.</summary>
internal static class DecisionKinds
{
    /// <summary>The kind <paramref name="text"/> names, or null for any other text.</summary>
    public static DecisionKind? Parse(ReadOnlySpan<char> text) => text switch
    {
        "upload" => DecisionKind.Upload,
        "skip" => DecisionKind.Skip,
        "not-requested" => DecisionKind.NotRequested,
        "not-sampled" => DecisionKind.NotSampled,
        _ => null,
    };

    /// <summary>The word of <paramref name="kind"/>.</summary>
    public static string Name(DecisionKind kind) => kind switch
    {
        DecisionKind.Upload => "upload",
        DecisionKind.Skip => "skip",
        DecisionKind.NotSampled => "not-sampled",
        _ => "not-requested",
    };
}
