namespace Sasg.Learning.Tests.Data;

/// <summary>Writes small files in CIFAR's binary format: per record the label bytes, then the red, green and blue
/// 32x32 planes row-major.</summary>
internal static class CifarTestFiles
{
    public const int Pixels = 3 * 32 * 32;

    /// <summary>The pixel byte of record <paramref name="record"/> of file <paramref name="file"/> at (channel, row, column).</summary>
    public static byte Pixel(int file, int record, int channel, int row, int column) =>
        (byte)(((file * 31) + (record * 7) + (channel * 50) + (row * 3) + column) % 256);

    /// <summary>The bytes of <paramref name="records"/> records whose label bytes are <paramref name="labels"/>(record).</summary>
    public static byte[] Records(int file, int records, Func<int, byte[]> labels)
    {
        var labelBytes = labels(0).Length;
        var size = labelBytes + Pixels;
        var bytes = new byte[records * size];
        for (var r = 0; r < records; r++)
        {
            labels(r).CopyTo(bytes, r * size);
            for (var i = 0; i < Pixels; i++)
            {
                bytes[(r * size) + labelBytes + i] = Pixel(file, r, i / 1024, i % 1024 / 32, i % 32);
            }
        }

        return bytes;
    }

    /// <summary>The CIFAR-10 label of record <paramref name="record"/> of file <paramref name="file"/>.</summary>
    public static byte Cifar10Label(int file, int record) => (byte)((file + record) % 10);

    /// <summary>Writes data_batch_1..5.bin (files 0..4) and test_batch.bin (file 5) of <paramref name="records"/> records
    /// each into <paramref name="folder"/>; returns the folder.</summary>
    public static string WriteCifar10(string folder, int records = 20)
    {
        Directory.CreateDirectory(folder);
        string[] names = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];
        for (var f = 0; f < names.Length; f++)
        {
            var file = f;
            File.WriteAllBytes(Path.Combine(folder, names[f]), Records(file, records, r => [Cifar10Label(file, r)]));
        }

        return folder;
    }

    /// <summary>The CIFAR-100 (coarse, fine) labels of record <paramref name="record"/> of file <paramref name="file"/>.</summary>
    public static byte[] Cifar100Labels(int file, int record) => [(byte)((record + file) % 20), (byte)(((record * 3) + file) % 100)];

    /// <summary>Writes train.bin (file 0, <paramref name="train"/> records) and test.bin (file 1) into <paramref name="folder"/>.</summary>
    public static string WriteCifar100(string folder, int train = 40, int test = 20)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "train.bin"), Records(0, train, r => Cifar100Labels(0, r)));
        File.WriteAllBytes(Path.Combine(folder, "test.bin"), Records(1, test, r => Cifar100Labels(1, r)));
        return folder;
    }
}
