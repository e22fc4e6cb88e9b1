using System.Globalization;

namespace Sasg.Cli.Rendering;

/// <summary>The width tables are laid out for. Spectre.Console assumes 80 columns when the output is redirected, which
/// wraps wide tables and splits numbers across lines; <c>COLUMNS</c> is honoured when set, and redirected output is
/// never wrapped otherwise.</summary>
internal static class ConsoleWidth
{
    /// <summary>Wide enough that no table wraps.</summary>
    public const int Unlimited = 10_000;

    /// <summary>The width to set, or null to keep the terminal's own: <paramref name="columns"/> (the <c>COLUMNS</c>
    /// variable) when it is a positive whole number, else <see cref="Unlimited"/> when <paramref name="redirected"/>.</summary>
    public static int? For(string? columns, bool redirected) =>
        int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out var width) && width > 0
            ? width
            : redirected ? Unlimited : null;
}
