namespace Sasg.Learning.Encoding;

/// <summary>Growth of reusable encode buffers.</summary>
internal static class WireBuffers
{
    /// <summary>Makes <paramref name="buffer"/> at least <paramref name="length"/> bytes long (contents not kept).</summary>
    public static void Ensure(ref byte[] buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, (buffer?.Length ?? 0) * 2)];
        }
    }
}
