namespace Sasg.Learning.Data;

/// <summary>Loads CIFAR-100 (50,000 training and 10,000 test colour images of 32x32, 100 fine classes in 20 coarse
/// ones) from its binary version: <c>train.bin</c> and <c>test.bin</c>.</summary>
/// <remarks>Each record is 3,074 bytes: the coarse label (0..19), the fine label (0..99), then the red, green and
/// blue 32x32 planes row-major. Both label bytes are checked whichever is kept.</remarks>
public static class Cifar100
{
    /// <summary>The number of fine classes.</summary>
    public const int FineClassCount = 100;

    /// <summary>The number of coarse classes (superclasses).</summary>
    public const int CoarseClassCount = 20;

    /// <summary>Records in <see cref="TrainFile"/>.</summary>
    public const int TrainRecords = 50_000;

    /// <summary>Records in <see cref="TestFile"/>.</summary>
    public const int TestRecords = 10_000;

    /// <summary>The training file.</summary>
    public const string TrainFile = "train.bin";

    /// <summary>The test file.</summary>
    public const string TestFile = "test.bin";

    private static readonly string[] LabelNames = ["coarse label", "fine label"];
    private static readonly int[] ClassCounts = [CoarseClassCount, FineClassCount];

    /// <summary>Loads one split from the folder the locator finds.</summary>
    /// <param name="split">Train (50,000 images) or test (10,000).</param>
    /// <param name="labels">Fine (100 classes) or coarse (20) labels.</param>
    /// <param name="layout">Whether a sample is [3072] or [3, 32, 32].</param>
    /// <param name="locator">Where to search; <see cref="DatasetLocator.Default"/> when null.</param>
    /// <exception cref="DatasetNotFoundException">No searched folder holds both files.</exception>
    /// <exception cref="DataFormatException">A file's size or a label is wrong.</exception>
    public static Dataset Load(
        DatasetSplit split, CifarLabels labels = CifarLabels.Fine, ImageLayout layout = ImageLayout.Flat, DatasetLocator? locator = null) =>
        LoadFrom(CifarFiles.Locate(KnownDatasets.Cifar100, null, locator), split, labels, layout);

    /// <summary>Loads one split from <paramref name="folder"/>, or from its <c>cifar-100-binary</c> subfolder.</summary>
    /// <param name="folder">The folder of the two files, or the folder the archive was unpacked into.</param>
    /// <param name="split">Train or test.</param>
    /// <param name="labels">Fine or coarse labels.</param>
    /// <param name="layout">Whether a sample is [3072] or [3, 32, 32].</param>
    /// <param name="records">The records the file must hold: the binary version's (50,000 train, 10,000 test) when
    /// null; a test writes smaller files.</param>
    /// <exception cref="DatasetNotFoundException">A file is missing.</exception>
    /// <exception cref="DataFormatException">A file's size or a label is wrong.</exception>
    public static Dataset LoadFrom(
        string folder, DatasetSplit split, CifarLabels labels = CifarLabels.Fine, ImageLayout layout = ImageLayout.Flat, int? records = null)
    {
        folder = CifarFiles.Locate(KnownDatasets.Cifar100, folder, null);
        var train = split == DatasetSplit.Train;
        var path = Path.Combine(folder, train ? TrainFile : TestFile);
        var count = records ?? (train ? TrainRecords : TestRecords);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        CifarBinaryReader.CheckSize(path, LabelNames, count, "CIFAR-100");
        var features = new double[checked(count * CifarBinaryReader.PixelCount)];
        var kept = new int[count];
        var keep = labels == CifarLabels.Coarse ? 0 : 1;
        CifarBinaryReader.ReadInto(path, LabelNames, ClassCounts, keep, count, features, kept, 0);
        var name = $"{KnownDatasets.Cifar100.Name}/{(train ? "train" : "test")}";
        return new Dataset(name, count, CifarBinaryReader.Shape(layout), features, kept, ClassCounts[keep], targets: null);
    }

    /// <summary>Checks that both files are in <paramref name="folder"/> with the binary version's sizes (153,700,000
    /// and 30,740,000 bytes), without reading them.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DataFormatException">A file's size is wrong.</exception>
    public static void CheckFiles(string folder)
    {
        CifarBinaryReader.CheckSize(Path.Combine(folder, TrainFile), LabelNames, TrainRecords, "CIFAR-100");
        CifarBinaryReader.CheckSize(Path.Combine(folder, TestFile), LabelNames, TestRecords, "CIFAR-100");
    }
}
