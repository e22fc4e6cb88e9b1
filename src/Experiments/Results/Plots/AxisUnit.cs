namespace Sasg.Experiments.Results.Plots;

/// <summary>The unit an axis shows its values in: values are divided by <paramref name="Divisor"/> and the axis label
/// ends with <paramref name="Name"/> in brackets.</summary>
/// <param name="Divisor">What one unit is worth in the data's own unit (seconds, bits).</param>
/// <param name="Name">The unit's name, empty for plain counts.</param>
internal readonly record struct AxisUnit(double Divisor, string Name)
{
    /// <summary>Plain numbers (iterations, uploads).</summary>
    public static AxisUnit Count => new(1, string.Empty);

    /// <summary>The axis label <paramref name="quantity"/> with the unit, e.g. "simulated time (ms)".</summary>
    public string Label(string quantity) => Name.Length == 0 ? quantity : $"{quantity} ({Name})";

    /// <summary>Seconds shown in ns, µs, ms or s, whichever keeps <paramref name="largest"/> at or above 1 unit.</summary>
    public static AxisUnit Seconds(double largest) => largest switch
    {
        < 1e-6 => new(1e-9, "ns"),
        < 1e-3 => new(1e-6, "µs"),
        < 1 => new(1e-3, "ms"),
        _ => new(1, "s"),
    };

    /// <summary>Bits shown in bit, kbit, Mbit, Gbit or Tbit (decimal prefixes), by <paramref name="largest"/>.</summary>
    public static AxisUnit Bits(double largest) => largest switch
    {
        < 1e3 => new(1, "bit"),
        < 1e6 => new(1e3, "kbit"),
        < 1e9 => new(1e6, "Mbit"),
        < 1e12 => new(1e9, "Gbit"),
        _ => new(1e12, "Tbit"),
    };
}
