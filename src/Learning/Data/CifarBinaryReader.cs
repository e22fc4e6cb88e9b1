namespace Sasg.Learning.Data;

/// <summary>Reads the records of CIFAR's binary version: label bytes, then 3,072 pixel bytes.</summary>
/// <remarks>
/// A record's pixels are the red plane, then the green, then the blue, each 32x32 row-major: channels, rows, columns,
/// which is the order a [3, 32, 32] sample keeps (and a flat [3072] sample too). Pixels p become p / 255 in [0, 1].
/// Every label byte of a record is checked against its class count, also the one the caller does not keep.
/// </remarks>
internal static class CifarBinaryReader
{
    /// <summary>Pixels per image: 3 channels of 32x32.</summary>
    public const int PixelCount = 3 * 32 * 32;

    private const int RecordsPerChunk = 1_000;

    private static readonly double[] PixelValues = Enumerable.Range(0, 256).Select(p => p / 255.0).ToArray();

    /// <summary>Checks that <paramref name="path"/> exists and holds exactly <paramref name="expectedRecords"/> whole
    /// records of <paramref name="labelNames"/>.Count label bytes and 3,072 pixel bytes, from its length alone.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">Its length is not a whole number of records, or not the expected count.</exception>
    public static void CheckSize(string path, IReadOnlyList<string> labelNames, int expectedRecords, string what)
    {
        TextValues.RequireFile(path);
        var recordSize = labelNames.Count + PixelCount;
        var length = new FileInfo(path).Length;
        var layout = $"{recordSize:N0}-byte records ({labelNames.Count} label byte{(labelNames.Count == 1 ? string.Empty : "s")} + 3,072 pixel bytes)";
        if (length % recordSize != 0)
        {
            throw new DataFormatException(
                path,
                null,
                $"holds {length:N0} bytes, not a whole number of {layout}: the file is truncated or not {what}'s binary version");
        }

        var records = length / recordSize;
        if (records != expectedRecords)
        {
            throw new DataFormatException(
                path,
                null,
                $"holds {records:N0} records of {recordSize:N0} bytes ({length:N0} bytes), {what}'s binary version holds {expectedRecords:N0} ({(long)expectedRecords * recordSize:N0} bytes)");
        }
    }

    /// <summary>Reads every record of <paramref name="path"/> into <paramref name="features"/> and
    /// <paramref name="labels"/>, starting at record <paramref name="first"/> of those arrays.</summary>
    /// <param name="path">The file; <see cref="CheckSize"/> must have accepted it.</param>
    /// <param name="labelNames">The name of each label byte, for messages ("label", or "coarse label", "fine label").</param>
    /// <param name="classCounts">The class count of each label byte.</param>
    /// <param name="keep">Which label byte goes into <paramref name="labels"/>.</param>
    /// <param name="records">The number of records in the file.</param>
    /// <param name="features">All samples' pixels, row-major, 3,072 per sample.</param>
    /// <param name="labels">All samples' labels.</param>
    /// <param name="first">The sample index of the file's first record.</param>
    /// <exception cref="DataFormatException">A label byte is out of range (the message gives the record).</exception>
    public static void ReadInto(
        string path,
        IReadOnlyList<string> labelNames,
        IReadOnlyList<int> classCounts,
        int keep,
        int records,
        double[] features,
        int[] labels,
        int first)
    {
        var labelBytes = labelNames.Count;
        var recordSize = labelBytes + PixelCount;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[RecordsPerChunk * recordSize];
        for (var done = 0; done < records;)
        {
            var count = Math.Min(RecordsPerChunk, records - done);
            var chunk = buffer.AsSpan(0, count * recordSize);
            var read = stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            if (read < chunk.Length)
            {
                throw new DataFormatException(path, null, $"ended after {(long)done * recordSize + read:N0} bytes while it was being read (was it changed?)");
            }

            for (var r = 0; r < count; r++)
            {
                var record = chunk.Slice(r * recordSize, recordSize);
                for (var b = 0; b < labelBytes; b++)
                {
                    if (record[b] >= classCounts[b])
                    {
                        throw new DataFormatException(
                            path,
                            null,
                            $"record {done + r} (byte {(long)(done + r) * recordSize + b:N0}): {labelNames[b]} {record[b]} is outside 0..{classCounts[b] - 1}");
                    }
                }

                var sample = first + done + r;
                labels[sample] = record[keep];
                var target = features.AsSpan(sample * PixelCount, PixelCount);
                var pixels = record[labelBytes..];
                for (var i = 0; i < PixelCount; i++)
                {
                    target[i] = PixelValues[pixels[i]];
                }
            }

            done += count;
        }
    }

    /// <summary>The sample shape of a CIFAR image in <paramref name="layout"/>: [3072] or [3, 32, 32].</summary>
    public static int[] Shape(ImageLayout layout) => layout == ImageLayout.Flat ? [PixelCount] : [3, 32, 32];
}
