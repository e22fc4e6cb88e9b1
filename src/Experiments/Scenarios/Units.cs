using System.Globalization;
using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Scenarios;

/// <summary>Strict parsing and canonical formatting of the quantities scenario files write with units:
/// bandwidths ("1Gbps", "100 Mbit/s", "10MB/s"), durations ("0.5ms", "50us") and sizes ("10MB", "64KiB").</summary>
/// <remarks>
/// A quantity is a non-negative decimal number (digits, optional fraction and exponent), optional spaces, then a unit
/// (case-sensitive: "Mbps" is bits, "MB/s" bytes). Prefixes are decimal SI (1 Kbps = 1000 bit/s, 1 KB = 1000 B) except
/// KiB, MiB, GiB (powers of 1024). The arithmetic is decimal, so "0.5ms" is exactly 500,000 ns; a result that is not a
/// whole number of bit/s, nanoseconds or bytes is an error rather than a silent rounding.
/// </remarks>
public static class Units
{
    private static readonly (string Unit, decimal Factor)[] BandwidthUnits =
    [
        ("bps", 1m), ("Kbps", 1e3m), ("kbps", 1e3m), ("Mbps", 1e6m), ("Gbps", 1e9m), ("Tbps", 1e12m),
        ("bit/s", 1m), ("Kbit/s", 1e3m), ("kbit/s", 1e3m), ("Mbit/s", 1e6m), ("Gbit/s", 1e9m), ("Tbit/s", 1e12m),
        ("B/s", 8m), ("KB/s", 8e3m), ("MB/s", 8e6m), ("GB/s", 8e9m),
    ];

    private static readonly (string Unit, decimal Factor)[] DurationUnits =
    [
        ("ns", 1m), ("us", 1e3m), ("\u00b5s", 1e3m), ("\u03bcs", 1e3m), ("ms", 1e6m), ("s", 1e9m), ("min", 60e9m),
    ];

    private static readonly (string Unit, decimal Factor)[] SizeUnits =
    [
        ("B", 1m), ("KB", 1e3m), ("MB", 1e6m), ("GB", 1e9m), ("KiB", 1024m), ("MiB", 1048576m), ("GiB", 1073741824m),
    ];

    /// <summary>The accepted bandwidth units, for messages and docs.</summary>
    public static string BandwidthUnitList => "bps, Kbps, Mbps, Gbps, Tbps, bit/s, Kbit/s, Mbit/s, Gbit/s, Tbit/s, B/s, KB/s, MB/s, GB/s";

    /// <summary>The accepted duration units, for messages and docs.</summary>
    public static string DurationUnitList => "ns, us (or \u00b5s), ms, s, min";

    /// <summary>The accepted size units, for messages and docs.</summary>
    public static string SizeUnitList => "B, KB, MB, GB (powers of 1000), KiB, MiB, GiB (powers of 1024)";

    /// <summary>Parses a bandwidth such as "1Gbps", "100 Mbit/s" or "12.5MB/s" to whole bit/s (positive).</summary>
    /// <exception cref="FormatException">The text is not a positive whole number of bit/s with an accepted unit.</exception>
    public static Bandwidth ParseBandwidth(string text) =>
        TryParseBandwidth(text, out var value, out var error) ? value : throw new FormatException($"{error.Problem}; {error.Fix}");

    /// <summary>Parses a duration such as "0.5ms", "50us" or "2 s" to whole nanoseconds (not negative).</summary>
    /// <exception cref="FormatException">The text is not a whole number of nanoseconds with an accepted unit.</exception>
    public static SimTime ParseDuration(string text) =>
        TryParseDuration(text, out var value, out var error) ? value : throw new FormatException($"{error.Problem}; {error.Fix}");

    /// <summary>Parses a size such as "10MB", "64 B" or "1.5KiB" to whole bytes (not negative).</summary>
    /// <exception cref="FormatException">The text is not a whole number of bytes with an accepted unit.</exception>
    public static DataSize ParseSize(string text) =>
        TryParseSize(text, out var value, out var error) ? value : throw new FormatException($"{error.Problem}; {error.Fix}");

    /// <summary>The bandwidth in the largest of Tbps, Gbps, Mbps, Kbps, bps that keeps the number at least 1, exact.</summary>
    public static string FormatBandwidth(Bandwidth bandwidth) =>
        Format(bandwidth.BitsPerSecond, [("Tbps", 1e12m), ("Gbps", 1e9m), ("Mbps", 1e6m), ("Kbps", 1e3m), ("bps", 1m)]);

    /// <summary>The duration in the largest of s, ms, us, ns that keeps the number at least 1, exact ("0ns" for zero).</summary>
    public static string FormatDuration(SimTime duration) =>
        Format(duration.Nanoseconds, [("s", 1e9m), ("ms", 1e6m), ("us", 1e3m), ("ns", 1m)]);

    /// <summary>The size in the largest of GB, MB, KB, B that keeps the number at least 1, exact ("0B" for zero).</summary>
    public static string FormatSize(DataSize size) =>
        Format(size.Bytes, [("GB", 1e9m), ("MB", 1e6m), ("KB", 1e3m), ("B", 1m)]);

    internal static bool TryParseBandwidth(string text, out Bandwidth value, out UnitError error)
    {
        value = default;
        if (!TryParse(text, "bandwidth", "bit/s", BandwidthUnits, BandwidthUnitList, "100Mbps", out var bits, out error))
        {
            return false;
        }

        if (bits < 1)
        {
            error = new UnitError($"bandwidth '{text}' is not positive", "write at least 1bps, for example \"100Mbps\"");
            return false;
        }

        value = Bandwidth.FromBitsPerSecond(bits);
        return true;
    }

    internal static bool TryParseDuration(string text, out SimTime value, out UnitError error)
    {
        var parsed = TryParse(text, "duration", "nanoseconds", DurationUnits, DurationUnitList, "50us", out var nanoseconds, out error);
        value = parsed ? SimTime.FromNanoseconds(nanoseconds) : default;
        return parsed;
    }

    internal static bool TryParseSize(string text, out DataSize value, out UnitError error)
    {
        var parsed = TryParse(text, "size", "bytes", SizeUnits, SizeUnitList, "10MB", out var bytes, out error);
        value = parsed ? DataSize.FromBytes(bytes) : default;
        return parsed;
    }

    private static bool TryParse(
        string text,
        string quantity,
        string baseUnit,
        (string Unit, decimal Factor)[] units,
        string unitList,
        string example,
        out long result,
        out UnitError error)
    {
        result = 0;
        var fix = $"write a number followed by one of {unitList}, for example \"{example}\"";
        var trimmed = text.Trim();
        var end = 0;
        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] == '.'
            || ((trimmed[end] == 'e' || trimmed[end] == 'E') && end > 0 && end + 1 < trimmed.Length
                && (char.IsAsciiDigit(trimmed[end + 1]) || trimmed[end + 1] is '+' or '-'))
            || ((trimmed[end] == '+' || trimmed[end] == '-') && end > 0 && trimmed[end - 1] is 'e' or 'E')))
        {
            end++;
        }

        var number = trimmed[..end];
        var unit = trimmed[end..].TrimStart();
        if (trimmed.StartsWith('-'))
        {
            error = new UnitError($"{quantity} '{text}' is negative", fix);
            return false;
        }

        var styles = NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (number.Length > 0 && char.IsAsciiDigit(number[0]) && !decimal.TryParse(number, styles, CultureInfo.InvariantCulture, out _)
            && double.TryParse(number, styles, CultureInfo.InvariantCulture, out var huge) && huge >= 1)
        {
            // A number beyond decimal's range (about 7.9e28) is a number still, and far too large for any quantity.
            error = new UnitError($"{quantity} '{text}' is too large", $"write a smaller value, for example \"{example}\"");
            return false;
        }

        if (number.Length == 0 || !char.IsAsciiDigit(number[0])
            || !decimal.TryParse(number, styles, CultureInfo.InvariantCulture, out var amount))
        {
            error = new UnitError($"{quantity} '{text}' does not start with a number", fix);
            return false;
        }

        if (unit.Length == 0)
        {
            error = new UnitError($"{quantity} '{text}' has no unit", $"write a number followed by one of {unitList}, for example \"{number}{example.TrimStart("0123456789.".ToCharArray())}\"");
            return false;
        }

        var factor = units.FirstOrDefault(u => string.Equals(u.Unit, unit, StringComparison.Ordinal)).Factor;
        if (factor == 0)
        {
            error = new UnitError($"{quantity} '{text}' has the unknown unit '{unit}'", $"write one of {unitList} (case matters), for example \"{example}\"");
            return false;
        }

        decimal exact;
        try
        {
            exact = amount * factor;
        }
        catch (OverflowException)
        {
            exact = decimal.MaxValue;
        }

        if (exact > long.MaxValue)
        {
            error = new UnitError($"{quantity} '{text}' is too large", $"write a smaller value, for example \"{example}\"");
            return false;
        }

        if (exact != decimal.Truncate(exact))
        {
            error = new UnitError(
                $"{quantity} '{text}' is not a whole number of {baseUnit}",
                $"write a value that is a whole number of {baseUnit}, for example \"{example}\"");
            return false;
        }

        result = (long)exact;
        error = default;
        return true;
    }

    private static string Format(long value, (string Unit, decimal Factor)[] units)
    {
        foreach (var (unit, factor) in units)
        {
            if (value >= factor || factor == 1m)
            {
                var scaled = value / factor;
                return scaled.ToString("0.############", CultureInfo.InvariantCulture) + unit;
            }
        }

        return value.ToString(CultureInfo.InvariantCulture) + units[^1].Unit;
    }
}
