using System.Globalization;

namespace Sasg.Experiments.Driver;

/// <summary>One method to run: its name, the label results show, and its parameters by name.</summary>
/// <param name="Name">The method, for example "LAG-WK" (case-insensitive).</param>
/// <param name="Label">The name in results; two specs of one method need different labels.</param>
/// <param name="Parameters">Parameters by name (numbers as double, words as string, switches as bool).</param>
public sealed record AlgorithmSpec(string Name, string Label, IReadOnlyDictionary<string, object> Parameters)
{
    /// <summary>A spec with no parameters, labelled by its name.</summary>
    public static AlgorithmSpec Of(string name) => new(name, name, new Dictionary<string, object>());

    /// <summary>The number parameter <paramref name="key"/>, or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="ArgumentException">The parameter is present but not a number.</exception>
    public double Number(string key, double fallback)
    {
        if (!Parameters.TryGetValue(key, out var value))
        {
            return fallback;
        }

        return value switch
        {
            double d => d,
            int i => i,
            long l => l,
            _ => throw new ArgumentException($"Algorithm '{Label}': parameter '{key}' must be a number, not '{value}'."),
        };
    }

    /// <summary>The whole-number parameter <paramref name="key"/>, or <paramref name="fallback"/> when absent.</summary>
    public int WholeNumber(string key, int fallback)
    {
        var value = Number(key, fallback);
        if (value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue)
        {
            throw new ArgumentException(
                $"Algorithm '{Label}': parameter '{key}' must be a whole number, not {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        return (int)value;
    }

    /// <summary>The switch parameter <paramref name="key"/>, or <paramref name="fallback"/> when absent.</summary>
    public bool Switch(string key, bool fallback) =>
        !Parameters.TryGetValue(key, out var value) ? fallback
        : value is bool b ? b
        : throw new ArgumentException($"Algorithm '{Label}': parameter '{key}' must be true or false, not '{value}'.");
}
