using System.Numerics;

namespace Sasg.Learning.Encoding;

/// <summary>What a worker hands to its wire encoding: a dense vector, a quantized dense vector (integer levels times
/// one float32 scale) or a sparse set of (index, value) entries.</summary>
/// <remarks>
/// <para>A payload is a reusable buffer: <see cref="Values"/>, <see cref="Indices"/> and <see cref="Levels"/> may be
/// longer than <see cref="Count"/>, and only the first <see cref="Count"/> entries mean anything. Sparse indices are
/// ascending and distinct. The payload never leaves the worker: what crosses the network is the encoded byte
/// buffer.</para>
/// <para>A quantized payload (<see cref="SetQuantized"/>) is dense, and its vector is exactly
/// <c>T(Levels[i]) * T(QuantizationScale)</c>: a quantizing encoding can send the levels and the scale themselves, so
/// the receiver decodes the sender's vector bit for bit instead of requantizing it. <see cref="Values"/> holds that
/// vector too, so every dense reader (<see cref="ToDense"/>, <see cref="AddTo"/>, any encoding) sees the same
/// numbers.</para>
/// </remarks>
/// <typeparam name="T">The model's element type (float or double).</typeparam>
public sealed class Payload<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An empty payload for vectors of <paramref name="dimension"/> coordinates.</summary>
    public Payload(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        Dimension = dimension;
    }

    /// <summary>The length of the full vector.</summary>
    public int Dimension { get; }

    /// <summary>Dense or sparse (a quantized payload is dense).</summary>
    public PayloadKind Kind { get; private set; }

    /// <summary>Whether this dense payload is <see cref="Levels"/> times <see cref="QuantizationScale"/>.</summary>
    public bool IsQuantized { get; private set; }

    /// <summary>Quantized: the value of one level, a finite non-negative float32 (what quantized wire layouts
    /// carry); 0 otherwise.</summary>
    public float QuantizationScale { get; private set; }

    /// <summary>Quantized: the signed integer level of each coordinate (first <see cref="Dimension"/> entries);
    /// unused otherwise.</summary>
    public int[] Levels { get; private set; } = [];

    /// <summary>Dense: the vector; sparse: the kept values, in index order.</summary>
    public T[] Values { get; private set; } = [];

    /// <summary>Sparse: the kept coordinates, ascending; unused when dense.</summary>
    public int[] Indices { get; private set; } = [];

    /// <summary>Dense: <see cref="Dimension"/>; sparse: the number of kept entries.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes of the buffers this payload holds now (values, indices and levels, at their capacity).</summary>
    public long AllocatedBytes =>
        ((long)Values.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()) + (4L * Indices.Length) + (4L * Levels.Length);

    /// <summary>Makes this a dense payload and returns the span to fill with the vector.</summary>
    public Span<T> SetDense()
    {
        Kind = PayloadKind.Dense;
        IsQuantized = false;
        QuantizationScale = 0;
        Count = Dimension;
        if (Values.Length < Dimension)
        {
            Values = new T[Dimension];
        }

        return Values.AsSpan(0, Dimension);
    }

    /// <summary>Makes this a sparse payload of <paramref name="count"/> entries; gives the spans to fill.</summary>
    public void SetSparse(int count, out Span<int> indices, out Span<T> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Dimension);
        Kind = PayloadKind.Sparse;
        IsQuantized = false;
        QuantizationScale = 0;
        Count = count;
        if (Values.Length < count)
        {
            Values = new T[Math.Max(count, Values.Length * 2)];
        }

        if (Indices.Length < count)
        {
            Indices = new int[Math.Max(count, Indices.Length * 2)];
        }

        indices = Indices.AsSpan(0, count);
        values = Values.AsSpan(0, count);
    }

    /// <summary>Makes this a quantized dense payload: coordinate i is <c>T(levels[i]) * T(scale)</c>, computed here
    /// once and stored in <see cref="Values"/>.</summary>
    /// <remarks>The scale is a float32 because that is what the wire carries: a sender that quantizes with the float32
    /// it sends, and states its vector through this method, gets exactly what the receiver decodes.</remarks>
    /// <param name="scale">The value of one level, finite and non-negative.</param>
    /// <param name="levels">The signed level of every coordinate (<see cref="Dimension"/> entries).</param>
    public void SetQuantized(float scale, ReadOnlySpan<int> levels)
    {
        if (!float.IsFinite(scale) || scale < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(scale), scale, "The scale must be a finite non-negative number.");
        }

        if (levels.Length != Dimension)
        {
            throw new ArgumentException($"{levels.Length} levels for {Dimension} coordinates.", nameof(levels));
        }

        var values = SetDense();
        if (Levels.Length < Dimension)
        {
            Levels = new int[Dimension];
        }

        levels.CopyTo(Levels);
        IsQuantized = true;
        QuantizationScale = scale;
        var step = T.CreateTruncating(scale);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating(levels[i]) * step;
        }
    }

    /// <summary>Writes the payload as a dense vector into <paramref name="destination"/> (zeros where not kept; a
    /// quantized payload's <c>T(level) * T(scale)</c> values).</summary>
    public void ToDense(Span<T> destination)
    {
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"Destination has {destination.Length} entries, not {Dimension}.", nameof(destination));
        }

        if (Kind == PayloadKind.Dense)
        {
            Values.AsSpan(0, Dimension).CopyTo(destination);
            return;
        }

        destination.Clear();
        for (var i = 0; i < Count; i++)
        {
            destination[Indices[i]] = Values[i];
        }
    }

    /// <summary>Adds the payload, as a dense vector (as <see cref="ToDense"/> writes it), times
    /// <paramref name="scale"/> into <paramref name="destination"/>.</summary>
    public void AddTo(Span<T> destination, T scale)
    {
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"Destination has {destination.Length} entries, not {Dimension}.", nameof(destination));
        }

        if (Kind == PayloadKind.Dense)
        {
            Sasg.Learning.Algorithms.VectorMath.AddScaled(destination, scale, Values.AsSpan(0, Dimension));
            return;
        }

        for (var i = 0; i < Count; i++)
        {
            destination[Indices[i]] += scale * Values[i];
        }
    }

    /// <summary>Copies <paramref name="source"/> into this payload (reusing this payload's arrays), keeping its
    /// quantized form if it has one.</summary>
    public void CopyFrom(Payload<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Dimension != Dimension)
        {
            throw new ArgumentException($"Source has dimension {source.Dimension}, not {Dimension}.", nameof(source));
        }

        if (source.Kind == PayloadKind.Dense)
        {
            source.Values.AsSpan(0, Dimension).CopyTo(SetDense());
            if (source.IsQuantized)
            {
                if (Levels.Length < Dimension)
                {
                    Levels = new int[Dimension];
                }

                source.Levels.AsSpan(0, Dimension).CopyTo(Levels);
                IsQuantized = true;
                QuantizationScale = source.QuantizationScale;
            }

            return;
        }

        SetSparse(source.Count, out var indices, out var values);
        source.Indices.AsSpan(0, source.Count).CopyTo(indices);
        source.Values.AsSpan(0, source.Count).CopyTo(values);
    }
}
