namespace Sasg.Experiments.Results.Plots;

/// <summary>When a y axis is drawn on a log scale.</summary>
internal enum LogPolicy
{
    /// <summary>Always linear.</summary>
    Never,

    /// <summary>Logarithmic when the positive values span more than three decades.</summary>
    WhenWide,

    /// <summary>Always logarithmic (non-positive values are left out).</summary>
    Always,
}
