using System.Numerics;

namespace Sasg.Learning.Encoding;

/// <summary>What a worker hands to its wire encoding: a dense vector or a sparse set of (index, value) entries.</summary>
/// <remarks>
/// A payload is a reusable buffer: <see cref="Values"/> and <see cref="Indices"/> may be longer than
/// <see cref="Count"/>, and only the first <see cref="Count"/> entries mean anything. Sparse indices are ascending and
/// distinct. The payload never leaves the worker: what crosses the network is the encoded byte buffer.
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

    /// <summary>Dense or sparse.</summary>
    public PayloadKind Kind { get; private set; }

    /// <summary>Dense: the vector; sparse: the kept values, in index order.</summary>
    public T[] Values { get; private set; } = [];

    /// <summary>Sparse: the kept coordinates, ascending; unused when dense.</summary>
    public int[] Indices { get; private set; } = [];

    /// <summary>Dense: <see cref="Dimension"/>; sparse: the number of kept entries.</summary>
    public int Count { get; private set; }

    /// <summary>Makes this a dense payload and returns the span to fill with the vector.</summary>
    public Span<T> SetDense()
    {
        Kind = PayloadKind.Dense;
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

    /// <summary>Writes the payload as a dense vector into <paramref name="destination"/> (zeros where not kept).</summary>
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

    /// <summary>Adds the payload, as a dense vector, times <paramref name="scale"/> into <paramref name="destination"/>.</summary>
    public void AddTo(Span<T> destination, T scale)
    {
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"Destination has {destination.Length} entries, not {Dimension}.", nameof(destination));
        }

        if (Kind == PayloadKind.Dense)
        {
            var values = Values.AsSpan(0, Dimension);
            for (var i = 0; i < values.Length; i++)
            {
                destination[i] += scale * values[i];
            }

            return;
        }

        for (var i = 0; i < Count; i++)
        {
            destination[Indices[i]] += scale * Values[i];
        }
    }

    /// <summary>Copies <paramref name="source"/> into this payload (reusing this payload's arrays).</summary>
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
            return;
        }

        SetSparse(source.Count, out var indices, out var values);
        source.Indices.AsSpan(0, source.Count).CopyTo(indices);
        source.Values.AsSpan(0, source.Count).CopyTo(values);
    }
}
