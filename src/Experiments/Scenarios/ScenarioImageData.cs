using Sasg.Learning.Data;

namespace Sasg.Experiments.Scenarios;

/// <summary>Image data options (<c>data</c> with source fashion-mnist, mnist-json, cifar10, cifar100 or mixed).</summary>
/// <param name="Sources">The image sources: one for a single source; for mixed, even workers read the first
/// and odd workers the second.</param>
/// <param name="Normalize">The pixel normalisation; default mnist, or dataset when a source is CIFAR.</param>
/// <param name="TrainSamples">Use only the first N training samples after a seeded shuffle; null for all.</param>
/// <param name="TestSamples">Use only the first N test samples after a seeded shuffle; null for all.</param>
/// <param name="Path">The folder of the CIFAR source's files (resolved against the scenario's folder), or null to
/// search the usual places.</param>
/// <param name="Cifar100Labels">Which CIFAR-100 label a cifar100 source keeps; default fine.</param>
public sealed record ScenarioImageData(
    IReadOnlyList<DataSource> Sources,
    ImageNormalization Normalize,
    int? TrainSamples,
    int? TestSamples,
    string? Path = null,
    CifarLabels Cifar100Labels = CifarLabels.Fine)
{
    /// <summary>Whether a source is CIFAR-10 or CIFAR-100, whose images are 3x32x32.</summary>
    public bool HasCifar => Sources.Any(s => s is DataSource.Cifar10 or DataSource.Cifar100);
}
