using System.Buffers.Binary;
using System.IO.Compression;

namespace Sasg.Learning.Tests.Data;

/// <summary>Writes tiny IDX files for the reader tests.</summary>
internal static class IdxFiles
{
    public static byte[] Images(int count, int rows, int columns, Func<int, byte> pixel, int magic = 0x00000803)
    {
        var bytes = new byte[16 + (count * rows * columns)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        for (var i = 16; i < bytes.Length; i++)
        {
            bytes[i] = pixel(i - 16);
        }

        return bytes;
    }

    public static byte[] Labels(byte[] labels, int magic = 0x00000801)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    public static string Write(string folder, string name, byte[] content, bool gzip = false)
    {
        var path = Path.Combine(folder, name);
        if (!gzip)
        {
            File.WriteAllBytes(path, content);
            return path;
        }

        using var file = File.Create(path);
        using var compressed = new GZipStream(file, CompressionLevel.Fastest);
        compressed.Write(content);
        return path;
    }
}
