namespace Sasg.Learning.Data;

/// <summary>Loads Fashion-MNIST (60,000 training and 10,000 test images of 28x28, 10 classes) from its IDX files.</summary>
public static class FashionMnist
{
    /// <summary>Image height and width in pixels.</summary>
    public const int ImageSize = 28;

    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>Loads one split from the folder the locator finds (gzip or raw files).</summary>
    /// <param name="split">Train (60,000 images) or test (10,000).</param>
    /// <param name="layout">Whether a sample is [784] or [1, 28, 28].</param>
    /// <param name="locator">Where to search; <see cref="DatasetLocator.Default"/> when null.</param>
    /// <exception cref="DatasetNotFoundException">The dataset is not installed.</exception>
    /// <exception cref="DataFormatException">A file is damaged or its images are not 28x28.</exception>
    public static Dataset Load(DatasetSplit split, ImageLayout layout = ImageLayout.Flat, DatasetLocator? locator = null)
    {
        var folder = (locator ?? DatasetLocator.Default).Locate(KnownDatasets.FashionMnist);
        return LoadFrom(folder, split, layout);
    }

    /// <summary>Loads one split from <paramref name="folder"/>, which holds the four IDX files (gzip or raw).</summary>
    /// <exception cref="FileNotFoundException">A file of the split is missing.</exception>
    /// <exception cref="DataFormatException">A file is damaged or its images are not 28x28.</exception>
    public static Dataset LoadFrom(string folder, DatasetSplit split, ImageLayout layout = ImageLayout.Flat)
    {
        var prefix = split == DatasetSplit.Train ? "train" : "t10k";
        var imagesPath = Find(folder, $"{prefix}-images-idx3-ubyte");
        var labelsPath = Find(folder, $"{prefix}-labels-idx1-ubyte");
        var name = $"{KnownDatasets.FashionMnist.Name}/{(split == DatasetSplit.Train ? "train" : "test")}";
        var dataset = IdxReader.Read(imagesPath, labelsPath, name, layout, ClassCount);
        if (dataset.FeatureCount != ImageSize * ImageSize)
        {
            throw new DataFormatException(
                imagesPath, null, $"images hold {dataset.FeatureCount} pixels, Fashion-MNIST's hold {ImageSize}x{ImageSize}");
        }

        return dataset;
    }

    private static string Find(string folder, string baseName)
    {
        var compressed = Path.Combine(folder, baseName + ".gz");
        return File.Exists(compressed) ? compressed : Path.Combine(folder, baseName);
    }
}
