using Sasg.Learning.Data;

namespace Sasg.Experiments.Scenarios;

/// <summary>A table read from disk (<c>data</c> with source csv or libsvm).</summary>
/// <param name="Path">The file, resolved against the scenario file's folder.</param>
/// <param name="Labels">How the label column is read: target, class, sign (-1/+1) or binary (0/1); default target.</param>
/// <param name="LabelColumn">The CSV label column, negative counting from the end; default -1 (csv only).</param>
/// <param name="HasHeader">Whether the CSV file starts with a header line; default true (csv only).</param>
/// <param name="TestFraction">The fraction in [0, 1) held out as a test set after a seeded shuffle; default 0.</param>
public sealed record ScenarioTableData(
    string Path,
    LabelKind Labels,
    int LabelColumn,
    bool HasHeader,
    double TestFraction);
