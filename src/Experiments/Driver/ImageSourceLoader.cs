using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using SeededRandom = Sasg.Learning.Randomness.SeededRandom;

namespace Sasg.Experiments.Driver;

/// <summary>Reads the image sources of a scenario's <c>data</c> block: per source its training and test sets,
/// sampled, brought to one shape and normalised.</summary>
/// <remarks>
/// When a source is CIFAR, the 28x28 grey sources (fashion-mnist, mnist-json) are padded to 32x32 and replicated to 3
/// channels (<see cref="CifarShape"/>) before normalisation, so that every worker's samples fit one model. Normalisation
/// is per source: "dataset" gives CIFAR-10 and CIFAR-100 their per-channel constants and the grey sources the MNIST
/// pair (0.1307, 0.3081), on all three channels alike once replicated.
/// </remarks>
internal static class ImageSourceLoader
{
    /// <summary>Each source's (training, test) sets, in the order of <see cref="ScenarioImageData.Sources"/>.</summary>
    /// <param name="scenario">A scenario whose data has images.</param>
    /// <param name="layout">Whether a sample is flat or channels, rows, columns.</param>
    /// <param name="locator">Where datasets are searched (CIFAR: unless <c>data.path</c> names its folder).</param>
    /// <param name="cifarRecordsPerFile">The records every CIFAR file must hold; null for the binary version's counts
    /// (tests write smaller files).</param>
    public static (List<Dataset> Trains, List<Dataset> Tests) Load(
        Scenario scenario, ImageLayout layout, DatasetLocator locator, int? cifarRecordsPerFile)
    {
        var images = scenario.Data.Images!;
        var seed = unchecked((ulong)scenario.Seed);
        var trains = new List<Dataset>();
        var tests = new List<Dataset>();
        foreach (var source in images.Sources)
        {
            var (train, test) = Read(source, images, layout, locator, cifarRecordsPerFile);
            train = Sample(train, images.TrainSamples, seed, "train");
            test = Sample(test, images.TestSamples, seed, "test");
            if (images.HasCifar && source is DataSource.FashionMnist or DataSource.MnistJson)
            {
                (train, test) = (CifarShape.PadGreyTo3x32x32(train), CifarShape.PadGreyTo3x32x32(test));
            }

            (train, test) = images.Normalize switch
            {
                // The sets were just read or sampled for this plan and nothing else holds them: normalised where they
                // lie, without a second copy of 60,000 images.
                ImageNormalization.Mnist => (Normalization.MnistInPlace(train), Normalization.MnistInPlace(test)),
                ImageNormalization.Standardize => Normalization.Standardize(train, test),
                ImageNormalization.Cifar10 => (
                    PerChannel(scenario, train, Normalization.Cifar10Mean, Normalization.Cifar10StandardDeviation),
                    PerChannel(scenario, test, Normalization.Cifar10Mean, Normalization.Cifar10StandardDeviation)),
                ImageNormalization.Cifar100 => (
                    PerChannel(scenario, train, Normalization.Cifar100Mean, Normalization.Cifar100StandardDeviation),
                    PerChannel(scenario, test, Normalization.Cifar100Mean, Normalization.Cifar100StandardDeviation)),
                ImageNormalization.Dataset => source switch
                {
                    DataSource.Cifar10 => (CifarNormalization.Cifar10InPlace(train), CifarNormalization.Cifar10InPlace(test)),
                    DataSource.Cifar100 => (CifarNormalization.Cifar100InPlace(train), CifarNormalization.Cifar100InPlace(test)),
                    _ => (Normalization.MnistInPlace(train), Normalization.MnistInPlace(test)),
                },
                _ => (train, test),
            };
            trains.Add(train);
            tests.Add(test);
        }

        return (trains, tests);
    }

    private static (Dataset Train, Dataset Test) Read(
        DataSource source, ScenarioImageData images, ImageLayout layout, DatasetLocator locator, int? cifarRecordsPerFile)
    {
        switch (source)
        {
            case DataSource.FashionMnist:
                return (FashionMnist.Load(DatasetSplit.Train, layout, locator), FashionMnist.Load(DatasetSplit.Test, layout, locator));
            case DataSource.Cifar10:
                {
                    var folder = CifarFiles.Locate(KnownDatasets.Cifar10, images.Path, locator);
                    var records = cifarRecordsPerFile ?? Cifar10.RecordsPerFile;
                    return (Cifar10.LoadFrom(folder, DatasetSplit.Train, layout, records), Cifar10.LoadFrom(folder, DatasetSplit.Test, layout, records));
                }

            case DataSource.Cifar100:
                {
                    var folder = CifarFiles.Locate(KnownDatasets.Cifar100, images.Path, locator);
                    var labels = images.Cifar100Labels;
                    return (Cifar100.LoadFrom(folder, DatasetSplit.Train, labels, layout, cifarRecordsPerFile),
                        Cifar100.LoadFrom(folder, DatasetSplit.Test, labels, layout, cifarRecordsPerFile));
                }

            default:
                return (MnistJsonReader.Load(DatasetSplit.Train, layout, locator), MnistJsonReader.Load(DatasetSplit.Test, layout, locator));
        }
    }

    private static Dataset Sample(Dataset data, int? count, ulong seed, string name)
    {
        if (count is not { } n || n >= data.Count)
        {
            return data;
        }

        var order = SeededRandom.Create(seed, "sample/" + name).Permutation(data.Count);
        return data.Subset(order[..n]);
    }

    // The crop pads with a black pixel (0) as the scenario's normalisation maps it, as torchvision pads before it
    // normalises; standardisation maps each pixel position differently, so its padding is 0 (the training mean).
    internal static double[] PaddingFill(Scenario scenario, Dataset data)
    {
        if (scenario.Training.Augmentation == TrainingAugmentation.None || scenario.Data.Images is not { } images)
        {
            return [];
        }

        var channels = data.SampleShape.Count == 3 ? data.SampleShape[0] : 1;
        return images.Normalize switch
        {
            ImageNormalization.Mnist => Enumerable.Repeat((0 - Normalization.MnistMean) / Normalization.MnistStandardDeviation, channels).ToArray(),
            ImageNormalization.Cifar10 => BlackPixel(Normalization.Cifar10Mean, Normalization.Cifar10StandardDeviation),
            ImageNormalization.Cifar100 => BlackPixel(Normalization.Cifar100Mean, Normalization.Cifar100StandardDeviation),
            // Each source has its own constants; the crop pads with the first CIFAR source's black pixel (in a mix with
            // grey sources, their padded images get CIFAR's black too: docs/scenario-format.md).
            ImageNormalization.Dataset when images.Sources.FirstOrDefault(s => s is DataSource.Cifar10 or DataSource.Cifar100) == DataSource.Cifar10 =>
                BlackPixel(CifarNormalization.Cifar10Mean, CifarNormalization.Cifar10StandardDeviation),
            ImageNormalization.Dataset when images.HasCifar =>
                BlackPixel(CifarNormalization.Cifar100Mean, CifarNormalization.Cifar100StandardDeviation),
            ImageNormalization.Dataset => Enumerable.Repeat((0 - Normalization.MnistMean) / Normalization.MnistStandardDeviation, channels).ToArray(),
            _ => [],
        };
    }

    private static double[] BlackPixel(IReadOnlyList<double> mean, IReadOnlyList<double> standardDeviation) =>
        mean.Select((m, c) => (0 - m) / standardDeviation[c]).ToArray();

    // Per-channel normalisation of a set read for this plan (in place); a set without 3 channels is the scenario's error.
    internal static Dataset PerChannel(Scenario scenario, Dataset data, IReadOnlyList<double> mean, IReadOnlyList<double> standardDeviation)
    {
        if (Normalization.ChannelsOf(data.SampleShape, mean.Count) is null)
        {
            throw ScenarioPlanner.Problem(
                scenario,
                "$.data.normalize",
                $"\"{ScenarioWords.Normalizations.WordOf(scenario.Data.Images!.Normalize)}\" normalises 3 colour channels, but {data.Name}'s samples are [{string.Join(", ", data.SampleShape)}]",
                "use \"mnist\", \"standardize\" or \"none\" for this data");
        }

        return Normalization.PerChannelInPlace(data, mean, standardDeviation);
    }
}
