namespace Sasg.Learning.Data;

/// <summary>Loads the LAG paper's six UCI sets with the task each was used for.</summary>
/// <remarks>
/// housing, bodyfat and abalone are linear regression (real targets); ionosphere, adult-a1a and dermatology are
/// logistic regression, whose labels are mapped to -1/+1 unless another <see cref="LabelKind"/> is asked for
/// (<see cref="LabelKind.AsStored"/> keeps ionosphere's and adult-a1a's {0,1} as the authors' scripts do).
/// </remarks>
public static class LagUci
{
    /// <summary>The linear-regression sets, in the paper's order.</summary>
    public static IReadOnlyList<string> RegressionSets { get; } = ["housing", "bodyfat", "abalone"];

    /// <summary>The logistic-regression sets, in the paper's order.</summary>
    public static IReadOnlyList<string> LogisticSets { get; } = ["ionosphere", "adult-a1a", "dermatology"];

    /// <summary>Loads set <paramref name="name"/> from the folder the locator finds.</summary>
    /// <param name="name">One of <see cref="RegressionSets"/> or <see cref="LogisticSets"/>.</param>
    /// <param name="labels">How to read y.txt; null for the set's task (targets, or -1/+1 for the logistic sets).</param>
    /// <param name="locator">Where to search; <see cref="DatasetLocator.Default"/> when null.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of the six sets.</exception>
    /// <exception cref="DatasetNotFoundException">The folder lag-uci is not installed.</exception>
    public static Dataset Load(string name, LabelKind? labels = null, DatasetLocator? locator = null)
    {
        var task = TaskOf(name);
        var root = (locator ?? DatasetLocator.Default).Locate(KnownDatasets.LagUci);
        return LagTextReader.ReadFolder(Path.Combine(root, name), labels ?? task);
    }

    /// <summary>The label kind a set's task needs: <see cref="LabelKind.Target"/> or <see cref="LabelKind.SignedBinary"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of the six sets.</exception>
    public static LabelKind TaskOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (RegressionSets.Contains(name, StringComparer.Ordinal))
        {
            return LabelKind.Target;
        }

        if (LogisticSets.Contains(name, StringComparer.Ordinal))
        {
            return LabelKind.SignedBinary;
        }

        throw new ArgumentException(
            $"'{name}' is not a LAG set; expected one of {string.Join(", ", RegressionSets.Concat(LogisticSets))}.",
            nameof(name));
    }
}
