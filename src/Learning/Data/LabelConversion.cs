namespace Sasg.Learning.Data;

/// <summary>Turns the raw label values a table reader collected into a dataset's labels or targets.</summary>
internal static class LabelConversion
{
    /// <summary>Builds the dataset, checking each label against <paramref name="kind"/> and naming the line of a bad one.</summary>
    /// <param name="name">The dataset's name.</param>
    /// <param name="features">Row-major features.</param>
    /// <param name="featureCount">Values per sample.</param>
    /// <param name="raw">The label value of each sample, as read.</param>
    /// <param name="kind">How to interpret the labels.</param>
    /// <param name="classCount">The number of classes for <see cref="LabelKind.Class"/>, or null for the largest label + 1.</param>
    /// <param name="path">The file the labels came from, for errors.</param>
    /// <param name="lines">The 1-based line of each label in <paramref name="path"/>, for errors.</param>
    public static Dataset Build(
        string name,
        double[] features,
        int featureCount,
        IReadOnlyList<double> raw,
        LabelKind kind,
        int? classCount,
        string path,
        IReadOnlyList<int> lines)
    {
        int[]? labels = null;
        double[]? targets = null;
        var classes = 0;
        switch (kind)
        {
            case LabelKind.Target:
                targets = raw.ToArray();
                break;
            case LabelKind.Class:
                (labels, classes) = ToClasses(raw, classCount, path, lines);
                break;
            case LabelKind.SignedBinary:
                targets = ToBinary(raw, path, lines).Select(positive => positive ? 1.0 : -1.0).ToArray();
                break;
            case LabelKind.Binary:
                labels = ToBinary(raw, path, lines).Select(positive => positive ? 1 : 0).ToArray();
                classes = 2;
                break;
            case LabelKind.AsStored:
                ToBinary(raw, path, lines);
                targets = raw.ToArray();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown label kind.");
        }

        return new Dataset(name, raw.Count, [featureCount], features, labels, classes, targets);
    }

    private static (int[] Labels, int ClassCount) ToClasses(
        IReadOnlyList<double> raw, int? classCount, string path, IReadOnlyList<int> lines)
    {
        if (classCount is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A classification needs at least 2 classes.");
        }

        var labels = new int[raw.Count];
        var largest = 0;
        for (var i = 0; i < raw.Count; i++)
        {
            var value = raw[i];
            if (value != Math.Floor(value) || value < 0 || value >= (classCount ?? int.MaxValue))
            {
                var range = classCount is { } count ? $"0..{count - 1}" : "0, 1, 2, ...";
                throw new DataFormatException(path, lines[i], $"label {value} is not a class label in {range}");
            }

            labels[i] = (int)value;
            largest = Math.Max(largest, labels[i]);
        }

        return (labels, classCount ?? Math.Max(2, largest + 1));
    }

    private static bool[] ToBinary(IReadOnlyList<double> raw, string path, IReadOnlyList<int> lines)
    {
        // -1 and 0 both mean "negative", so a file that holds both is ambiguous rather than binary.
        int? firstZero = null;
        int? firstMinusOne = null;
        var result = new bool[raw.Count];
        for (var i = 0; i < raw.Count; i++)
        {
            switch (raw[i])
            {
                case 1:
                    result[i] = true;
                    break;
                case 0:
                    firstZero ??= i;
                    break;
                case -1:
                    firstMinusOne ??= i;
                    break;
                default:
                    throw new DataFormatException(path, lines[i], $"label {raw[i]} is not binary (expected 0/1 or -1/+1)");
            }
        }

        if (firstZero is { } zero && firstMinusOne is { } minusOne)
        {
            throw new DataFormatException(
                path,
                lines[Math.Max(zero, minusOne)],
                $"labels mix 0 (line {lines[zero]}) and -1 (line {lines[minusOne]}); use either 0/1 or -1/+1");
        }

        return result;
    }
}
