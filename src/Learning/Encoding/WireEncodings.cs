namespace Sasg.Learning.Encoding;

/// <summary>Every wire encoding a scenario can name, looked up case-insensitively (for <c>sasg list</c> and scenario
/// files).</summary>
public static class WireEncodings
{
    /// <summary>The known encodings, in listing order (stateless, so one shared instance each).</summary>
    public static IReadOnlyList<IWireEncoding> All { get; } =
    [
        new DenseFloat32Encoding(),
        new DenseFloat64Encoding(),
        new SparseCooEncoding(),
        new SparseDeltaVarintEncoding(),
        new BitmapEncoding(),
        new QsgdEncoding(),
        new SignEncoding(),
        new LaqEncoding(),
    ];

    /// <summary>The encoding called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No encoding has that name; the message lists the known names.</exception>
    public static IWireEncoding ByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryByName(name, out var encoding))
        {
            return encoding;
        }

        throw new ArgumentException(
            $"Unknown wire encoding '{name}'; known: {string.Join(", ", All.Select(e => e.Name))}.", nameof(name));
    }

    /// <summary>Looks up the encoding called <paramref name="name"/> (case-insensitive); false when there is none.</summary>
    public static bool TryByName(string name, out IWireEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                encoding = candidate;
                return true;
            }
        }

        encoding = null!;
        return false;
    }
}
