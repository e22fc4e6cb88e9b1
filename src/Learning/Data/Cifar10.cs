namespace Sasg.Learning.Data;

/// <summary>Loads CIFAR-10 (50,000 training and 10,000 test colour images of 32x32, 10 classes) from its binary
/// version: <c>data_batch_1.bin</c> .. <c>data_batch_5.bin</c> and <c>test_batch.bin</c>.</summary>
/// <remarks>Each file holds 10,000 records of 3,073 bytes: the label (0..9), then the red, green and blue 32x32 planes
/// row-major. A sample is [3, 32, 32] (channels, rows, columns) or the same values flat, [3072].</remarks>
public static class Cifar10
{
    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>Records in each of the six files of the binary version.</summary>
    public const int RecordsPerFile = 10_000;

    /// <summary>The training files, in the order their samples are numbered.</summary>
    public static IReadOnlyList<string> TrainFiles { get; } =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    /// <summary>The test file.</summary>
    public const string TestFile = "test_batch.bin";

    private static readonly string[] LabelNames = ["label"];
    private static readonly int[] ClassCounts = [ClassCount];

    /// <summary>Loads one split from the folder the locator finds.</summary>
    /// <param name="split">Train (the five data batches, 50,000 images) or test (10,000).</param>
    /// <param name="layout">Whether a sample is [3072] or [3, 32, 32].</param>
    /// <param name="locator">Where to search; <see cref="DatasetLocator.Default"/> when null.</param>
    /// <exception cref="DatasetNotFoundException">No searched folder holds the six files.</exception>
    /// <exception cref="DataFormatException">A file's size or a label is wrong.</exception>
    public static Dataset Load(DatasetSplit split, ImageLayout layout = ImageLayout.Flat, DatasetLocator? locator = null) =>
        LoadFrom(CifarFiles.Locate(KnownDatasets.Cifar10, null, locator), split, layout);

    /// <summary>Loads one split from <paramref name="folder"/>, or from its <c>cifar-10-batches-bin</c> subfolder.</summary>
    /// <param name="folder">The folder of the six files, or the folder the archive was unpacked into.</param>
    /// <param name="split">Train or test.</param>
    /// <param name="layout">Whether a sample is [3072] or [3, 32, 32].</param>
    /// <param name="recordsPerFile">The records each file must hold: the binary version's 10,000 unless a test
    /// writes smaller files.</param>
    /// <exception cref="DatasetNotFoundException">A file is missing.</exception>
    /// <exception cref="DataFormatException">A file's size or a label is wrong.</exception>
    public static Dataset LoadFrom(string folder, DatasetSplit split, ImageLayout layout = ImageLayout.Flat, int recordsPerFile = RecordsPerFile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recordsPerFile, 1);
        folder = CifarFiles.Locate(KnownDatasets.Cifar10, folder, null);
        var files = split == DatasetSplit.Train ? TrainFiles : [TestFile];
        var paths = files.Select(name => Path.Combine(folder, name)).ToList();
        foreach (var path in paths)
        {
            CifarBinaryReader.CheckSize(path, LabelNames, recordsPerFile, "CIFAR-10");
        }

        var count = checked(paths.Count * recordsPerFile);
        var features = new double[checked(count * CifarBinaryReader.PixelCount)];
        var labels = new int[count];
        for (var f = 0; f < paths.Count; f++)
        {
            CifarBinaryReader.ReadInto(paths[f], LabelNames, ClassCounts, 0, recordsPerFile, features, labels, f * recordsPerFile);
        }

        var name = $"{KnownDatasets.Cifar10.Name}/{(split == DatasetSplit.Train ? "train" : "test")}";
        return new Dataset(name, count, CifarBinaryReader.Shape(layout), features, labels, ClassCount, targets: null);
    }

    /// <summary>Checks that the six files are in <paramref name="folder"/> with the binary version's sizes
    /// (30,730,000 bytes each), without reading them.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DataFormatException">A file's size is wrong.</exception>
    public static void CheckFiles(string folder, int recordsPerFile = RecordsPerFile)
    {
        foreach (var name in TrainFiles.Append(TestFile))
        {
            CifarBinaryReader.CheckSize(Path.Combine(folder, name), LabelNames, recordsPerFile, "CIFAR-10");
        }
    }
}
