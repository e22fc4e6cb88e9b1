using System.Numerics;

namespace Sasg.Learning.Tests.Sparsification;

/// <summary>The original sort-based top-k of <c>TopKSelector</c>, kept as the oracle for the fast selection.</summary>
/// <remarks>Orders every coordinate by (|v| descending, index ascending), keeps the first k and sorts them. Unlike the
/// original, which compared doubles with <c>CompareTo</c> (NaN smallest), NaN ranks above every number and NaNs tie,
/// the documented policy of the fast selection.</remarks>
internal static class ReferenceTopK
{
    public static int[] Select<T>(ReadOnlySpan<T> values, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var order = new int[values.Length];
        var magnitudes = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            order[i] = i;
            magnitudes[i] = double.CreateTruncating(T.Abs(values[i]));
        }

        Array.Sort(order, (a, b) =>
        {
            var byMagnitude = CompareMagnitudes(magnitudes[b], magnitudes[a]);
            return byMagnitude != 0 ? byMagnitude : a.CompareTo(b);
        });
        var selected = order[..k];
        Array.Sort(selected);
        return selected;
    }

    private static int CompareMagnitudes(double x, double y) => (double.IsNaN(x), double.IsNaN(y)) switch
    {
        (true, true) => 0,
        (true, false) => 1,
        (false, true) => -1,
        _ => x.CompareTo(y),
    };
}
