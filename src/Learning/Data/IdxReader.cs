using System.Buffers.Binary;
using System.IO.Compression;

namespace Sasg.Learning.Data;

/// <summary>Reads MNIST-format IDX files (gzip-compressed or raw): unsigned-byte images and labels.</summary>
/// <remarks>
/// The format is LeCun's: a big-endian magic number 0x00000803 (unsigned bytes, three dimensions) or 0x00000801
/// (one dimension), then each dimension as a big-endian 32-bit count, then the bytes. Compression is detected from the
/// gzip signature, not the file name. Pixels 0..255 become doubles p / 255 in [0, 1].
/// </remarks>
public static class IdxReader
{
    /// <summary>The magic number of an IDX file of unsigned-byte images (three dimensions).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of an IDX file of unsigned-byte labels (one dimension).</summary>
    public const int LabelsMagic = 0x00000801;

    private const int ChunkSize = 1 << 16;

    private static readonly double[] PixelValues = Enumerable.Range(0, 256).Select(p => p / 255.0).ToArray();

    /// <summary>Reads an images file and its labels file into one classification dataset.</summary>
    /// <param name="imagesPath">The IDX images file (magic 0x00000803).</param>
    /// <param name="labelsPath">The IDX labels file (magic 0x00000801) with one label per image.</param>
    /// <param name="name">The dataset's name, for example "fashion-mnist/train".</param>
    /// <param name="layout">Whether a sample is [rows * columns] or [1, rows, columns].</param>
    /// <param name="classCount">Labels must lie in 0..classCount-1.</param>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="DataFormatException">A file is not IDX of the right kind, is truncated, or the files disagree.</exception>
    public static Dataset Read(
        string imagesPath, string labelsPath, string name, ImageLayout layout = ImageLayout.Flat, int classCount = 10)
    {
        var (count, rows, columns, pixels) = ReadPixels(imagesPath);
        var labels = ReadLabels(labelsPath, classCount);
        if (labels.Length != count)
        {
            throw new DataFormatException(
                labelsPath, null, $"holds {labels.Length} labels but {imagesPath} holds {count} images");
        }

        IReadOnlyList<int> shape = layout == ImageLayout.Flat
            ? [rows * columns]
            : [1, rows, columns];

        // The pixels stay bytes, each decoded to p / 255 when read (the values ReadImages gives).
        return Dataset.OfCodes(name, count, shape, pixels, PixelValues, labels, classCount);
    }

    /// <summary>Reads an IDX images file; pixels are scaled to [0, 1], row-major, image after image.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">Wrong magic number, impossible dimensions, or fewer or more bytes than declared.</exception>
    public static IdxImages ReadImages(string path)
    {
        var (count, rows, columns, pixels) = ReadPixels(path);
        var values = new double[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            values[i] = PixelValues[pixels[i]];
        }

        return new IdxImages(count, rows, columns, values);
    }

    // The images file's header and its pixel bytes.
    private static (int Count, int Rows, int Columns, byte[] Pixels) ReadPixels(string path)
    {
        using var stream = Open(path);
        try
        {
            return ReadPixels(stream, path);
        }
        catch (InvalidDataException error)
        {
            throw NotGzip(path, error);
        }
    }

    /// <summary>Reads an IDX labels file; every label must lie in 0..<paramref name="classCount"/>-1.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">Wrong magic number, truncated, or a label out of range (the message gives its index).</exception>
    public static int[] ReadLabels(string path, int classCount = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classCount, 256);
        using var stream = Open(path);
        try
        {
            return ReadLabels(stream, path, classCount);
        }
        catch (InvalidDataException error)
        {
            throw NotGzip(path, error);
        }
    }

    private static (int Count, int Rows, int Columns, byte[] Pixels) ReadPixels(BufferedStream stream, string path)
    {
        var header = ReadHeader(stream, path, ImagesMagic, "images", dimensions: 3);
        var (count, rows, columns) = (header[0], header[1], header[2]);
        if (rows == 0 || columns == 0)
        {
            throw new DataFormatException(path, null, $"images of {rows}x{columns} pixels are empty");
        }

        var total = (long)count * rows * columns;
        if (total > Array.MaxLength)
        {
            throw new DataFormatException(path, null, $"{count} images of {rows}x{columns} exceed the largest array .NET allows");
        }

        var pixels = new byte[total];
        var filled = 0;
        while (filled < pixels.Length)
        {
            var read = stream.ReadAtLeast(pixels.AsSpan(filled, (int)Math.Min(ChunkSize, pixels.LongLength - filled)), 1, throwOnEndOfStream: false);
            if (read == 0)
            {
                throw Truncated(path, $"{count} images of {rows}x{columns}", total, filled);
            }

            filled += read;
        }

        RequireEnd(stream, path, total);
        return (count, rows, columns, pixels);
    }

    private static int[] ReadLabels(BufferedStream stream, string path, int classCount)
    {
        var count = ReadHeader(stream, path, LabelsMagic, "labels", dimensions: 1)[0];
        var bytes = new byte[count];
        var read = stream.ReadAtLeast(bytes, count, throwOnEndOfStream: false);
        if (read < count)
        {
            throw Truncated(path, $"{count} labels", count, read);
        }

        RequireEnd(stream, path, count);
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (bytes[i] >= classCount)
            {
                throw new DataFormatException(path, null, $"label {bytes[i]} of item {i} is outside 0..{classCount - 1}");
            }

            labels[i] = bytes[i];
        }

        return labels;
    }

    private static BufferedStream Open(string path)
    {
        TextValues.RequireFile(path);
        var file = File.OpenRead(path);
        Span<byte> signature = stackalloc byte[2];
        var read = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (read == 2 && signature[0] == 0x1f && signature[1] == 0x8b)
        {
            return new BufferedStream(new GZipStream(file, CompressionMode.Decompress), ChunkSize);
        }

        return new BufferedStream(file, ChunkSize);
    }

    private static int[] ReadHeader(BufferedStream stream, string path, int magic, string kind, int dimensions)
    {
        Span<byte> header = stackalloc byte[4 * (dimensions + 1)];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);

        if (read < 4)
        {
            throw new DataFormatException(path, null, $"holds {read} bytes, too few for an IDX header");
        }

        var found = BinaryPrimitives.ReadInt32BigEndian(header);
        if (found != magic)
        {
            throw new DataFormatException(
                path, null, $"expected IDX {kind} magic number 0x{magic:X8}, found 0x{found:X8}");
        }

        if (read < header.Length)
        {
            throw new DataFormatException(path, null, $"truncated in the IDX header ({read} of {header.Length} bytes)");
        }

        var sizes = new int[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            sizes[i] = BinaryPrimitives.ReadInt32BigEndian(header[(4 * (i + 1))..]);
            if (sizes[i] < 0)
            {
                throw new DataFormatException(path, null, $"dimension {i} is {sizes[i]}, not a count");
            }
        }

        return sizes;
    }

    private static void RequireEnd(BufferedStream stream, string path, long expected)
    {
        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) != 0)
        {
            throw new DataFormatException(
                path, null, $"holds more data than its header declares ({expected} bytes after the header)");
        }
    }

    private static DataFormatException NotGzip(string path, InvalidDataException error) =>
        new(path, null, $"starts like gzip but does not decompress ({error.Message})");

    private static DataFormatException Truncated(string path, string what, long expected, long found) =>
        new(path, null, $"truncated: the header declares {what} ({expected} bytes), the file holds {found}");
}
