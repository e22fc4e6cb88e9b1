using Sasg.Learning.Data;

namespace Sasg.Experiments.Scenarios;

/// <summary>The LAG UCI sets a run uses (<c>data</c> with source lag-uci).</summary>
/// <param name="Sets">Set names among housing, bodyfat, abalone, ionosphere, adult-a1a, dermatology, in worker order.</param>
/// <param name="WorkersPerSet">Consecutive workers that share one set; default 3.</param>
/// <param name="DropRemainder">Whether rows that do not divide evenly are dropped (the LAG code does); default true.</param>
/// <param name="Path">The lag-uci folder (absolute), or null to let the dataset locator find it.</param>
/// <param name="Labels">How the logistic sets' labels are read: <see cref="LabelKind.SignedBinary"/> (mapped to -1/+1,
/// the default) or <see cref="LabelKind.AsStored"/> (the authors' {0,1} kept).</param>
public sealed record ScenarioUciData(
    IReadOnlyList<string> Sets,
    int WorkersPerSet,
    bool DropRemainder,
    string? Path,
    LabelKind Labels = LabelKind.SignedBinary);
