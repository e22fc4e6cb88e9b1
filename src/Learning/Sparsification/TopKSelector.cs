using System.Numerics;

namespace Sasg.Learning.Sparsification;

/// <summary>Exact top-k by magnitude: the k coordinates of largest |v|, ties broken by the lower index, returned in
/// ascending index order.</summary>
public static class TopKSelector
{
    /// <summary>The per-tensor k of the SASG code: max(1, floor(fraction * length)), or 0 for an empty tensor.</summary>
    public static int KFor(int length, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!(fraction > 0) || fraction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The kept fraction must be in (0, 1].");
        }

        return length == 0 ? 0 : Math.Max(1, (int)Math.Floor(fraction * length));
    }

    /// <summary>Writes the indices of the <paramref name="k"/> largest |values| into <paramref name="indices"/>
    /// (ascending); returns k.</summary>
    public static int Select<T>(ReadOnlySpan<T> values, int k, Span<int> indices)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, values.Length);
        if (indices.Length < k)
        {
            throw new ArgumentException($"Room for {indices.Length} indices, need {k}.", nameof(indices));
        }

        if (k == values.Length)
        {
            for (var i = 0; i < k; i++)
            {
                indices[i] = i;
            }

            return k;
        }

        // Reference implementation: order all coordinates by (|v| descending, index ascending).
        var order = new int[values.Length];
        var magnitudes = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            order[i] = i;
            magnitudes[i] = double.CreateTruncating(T.Abs(values[i]));
        }

        Array.Sort(order, (a, b) =>
        {
            var byMagnitude = magnitudes[b].CompareTo(magnitudes[a]);
            return byMagnitude != 0 ? byMagnitude : a.CompareTo(b);
        });
        var selected = indices[..k];
        order.AsSpan(0, k).CopyTo(selected);
        selected.Sort();
        return k;
    }
}
