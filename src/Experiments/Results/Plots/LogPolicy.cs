namespace Sasg.Experiments.Results.Plots;

/// <summary>When an axis is drawn on a log scale.</summary>
internal enum LogPolicy
{
    /// <summary>Always linear.</summary>
    Never,

    /// <summary>Logarithmic when the positive values span more than two decades (<see cref="LogAxis.IsWide"/>).</summary>
    WhenWide,

    /// <summary>Always logarithmic (non-positive values are left out).</summary>
    Always,
}
