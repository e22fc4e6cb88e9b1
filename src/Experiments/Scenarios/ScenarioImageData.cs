namespace Sasg.Experiments.Scenarios;

/// <summary>Image data options (<c>data</c> with source fashion-mnist, mnist-json or mixed).</summary>
/// <param name="Sources">The image sources: one for fashion-mnist or mnist-json; for mixed, even workers read the first
/// and odd workers the second.</param>
/// <param name="Normalize">The pixel normalisation; default mnist.</param>
/// <param name="TrainSamples">Use only the first N training samples after a seeded shuffle; null for all.</param>
/// <param name="TestSamples">Use only the first N test samples after a seeded shuffle; null for all.</param>
public sealed record ScenarioImageData(
    IReadOnlyList<DataSource> Sources,
    ImageNormalization Normalize,
    int? TrainSamples,
    int? TestSamples);
