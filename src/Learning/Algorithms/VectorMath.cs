using System.Numerics;
using System.Runtime.InteropServices;

namespace Sasg.Learning.Algorithms;

/// <summary>SIMD loops over spans that the algorithms run every iteration.</summary>
internal static class VectorMath
{
    /// <summary>||a - b||^2, accumulated in double.</summary>
    public static double SquaredDistance<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(a.Length, b.Length);
        var i = 0;
        var acc = Vector<T>.Zero;
        double total = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<T>.Count)
        {
            var va = MemoryMarshal.Cast<T, Vector<T>>(a);
            var vb = MemoryMarshal.Cast<T, Vector<T>>(b);
            for (var v = 0; v < va.Length; v++)
            {
                var d = va[v] - vb[v];
                acc += d * d;

                // Flush into double every 1,024 vectors so that float32 sums keep their precision.
                if ((v & 1023) == 1023)
                {
                    total += double.CreateTruncating(Vector.Sum(acc));
                    acc = Vector<T>.Zero;
                }
            }

            i = va.Length * Vector<T>.Count;
        }

        total += double.CreateTruncating(Vector.Sum(acc));
        for (; i < a.Length; i++)
        {
            var d = double.CreateTruncating(a[i] - b[i]);
            total += d * d;
        }

        return total;
    }

    /// <summary>||a||^2, accumulated in double.</summary>
    public static double SquaredNorm<T>(ReadOnlySpan<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double total = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var x = double.CreateTruncating(a[i]);
            total += x * x;
        }

        return total;
    }

    /// <summary>y += alpha * x.</summary>
    public static void AddScaled<T>(Span<T> y, T alpha, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(y.Length, x.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<T>.Count)
        {
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y);
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var va = new Vector<T>(alpha);
            for (var v = 0; v < vy.Length; v++)
            {
                vy[v] += va * vx[v];
            }

            i = vy.Length * Vector<T>.Count;
        }

        for (; i < y.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    /// <summary>destination = 0 + alpha * x: the bits of <see cref="AddScaled"/> into a cleared destination (a -0 product
    /// becomes +0), in one pass instead of a clear and an add.</summary>
    public static void ScaleFromZero<T>(Span<T> destination, T alpha, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(destination.Length, x.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && destination.Length >= Vector<T>.Count)
        {
            var vd = MemoryMarshal.Cast<T, Vector<T>>(destination);
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var va = new Vector<T>(alpha);
            var zero = Vector<T>.Zero;
            for (var v = 0; v < vd.Length; v++)
            {
                vd[v] = zero + (va * vx[v]);
            }

            i = vd.Length * Vector<T>.Count;
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = T.Zero + (alpha * x[i]);
        }
    }

    /// <summary>destination = alpha * x + y.</summary>
    public static void ScaleAdd<T>(Span<T> destination, T alpha, ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckLengths(destination.Length, x.Length);
        CheckLengths(destination.Length, y.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && destination.Length >= Vector<T>.Count)
        {
            var vd = MemoryMarshal.Cast<T, Vector<T>>(destination);
            var vx = MemoryMarshal.Cast<T, Vector<T>>(x);
            var vy = MemoryMarshal.Cast<T, Vector<T>>(y);
            var va = new Vector<T>(alpha);
            for (var v = 0; v < vd.Length; v++)
            {
                vd[v] = (va * vx[v]) + vy[v];
            }

            i = vd.Length * Vector<T>.Count;
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = (alpha * x[i]) + y[i];
        }
    }

    private static void CheckLengths(int a, int b)
    {
        if (a != b)
        {
            throw new ArgumentException($"Vector lengths differ: {a} and {b}.");
        }
    }
}
