using System.Runtime.InteropServices;

namespace Sasg.TestSupport;

/// <summary>A tensor attribute for <see cref="TorchScriptArchive"/>, row-major: a parameter when
/// <paramref name="RequiresGrad"/>, a buffer otherwise.</summary>
/// <param name="Values">float[] (float32), double[] (float64) or long[] (int64) values.</param>
/// <param name="Shape">The sizes; their product is the number of values.</param>
/// <param name="RequiresGrad">True for a parameter.</param>
public sealed record TorchScriptTensor(Array Values, IReadOnlyList<long> Shape, bool RequiresGrad)
{
    internal string StorageClass => Values switch
    {
        float[] => "FloatStorage",
        double[] => "DoubleStorage",
        long[] => "LongStorage",
        _ => throw new InvalidOperationException($"No storage class for {Values.GetType().Name}."),
    };

    internal byte[] Bytes() => Values switch
    {
        float[] f => MemoryMarshal.AsBytes(f.AsSpan()).ToArray(),
        double[] d => MemoryMarshal.AsBytes(d.AsSpan()).ToArray(),
        long[] l => MemoryMarshal.AsBytes(l.AsSpan()).ToArray(),
        _ => throw new InvalidOperationException($"No storage class for {Values.GetType().Name}."),
    };
}
