namespace Sasg.Learning.Data;

/// <summary>Reads the LAG authors' text format: X.txt (one sample a line, values separated by spaces) and y.txt.</summary>
/// <remarks>
/// y.txt holds one target a line, in the same order as X.txt. Blank lines are skipped; every other line of X.txt must
/// hold as many values as the first, and both files must hold the same number of samples. Values are finite numbers
/// in the invariant culture (for example <c>1.070800e+000</c>).
/// </remarks>
public static class LagTextReader
{
    /// <summary>The name of the features file in a LAG data folder.</summary>
    public const string FeaturesFile = "X.txt";

    /// <summary>The name of the targets file in a LAG data folder.</summary>
    public const string TargetsFile = "y.txt";

    /// <summary>Reads <c>X.txt</c> and <c>y.txt</c> from <paramref name="folder"/>; the folder's name names the dataset.</summary>
    /// <param name="folder">A folder such as <c>lag-uci/housing</c>.</param>
    /// <param name="labels">Real targets for regression; <see cref="LabelKind.SignedBinary"/> for the logistic sets
    /// (<see cref="LabelKind.AsStored"/> for the authors' labels as stored).</param>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DataFormatException">A ragged row, a value that is not a finite number, a bad label, or unequal line counts.</exception>
    public static Dataset ReadFolder(string folder, LabelKind labels = LabelKind.Target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        return Read(Path.Combine(folder, FeaturesFile), Path.Combine(folder, TargetsFile), name, labels);
    }

    /// <summary>Reads a features file and a targets file into one dataset named <paramref name="name"/>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DataFormatException">A ragged row, a value that is not a finite number, a bad label, or unequal line counts.</exception>
    public static Dataset Read(string featuresPath, string targetsPath, string name, LabelKind labels = LabelKind.Target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var features = new List<double>();
        var featureCount = -1;
        var sampleLines = new List<int>();
        using (var reader = TextValues.OpenText(featuresPath))
        {
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                var count = TextValues.AppendWhitespaceSeparated(line, features, featuresPath, lineNumber);
                if (count == 0)
                {
                    continue;
                }

                if (featureCount < 0)
                {
                    featureCount = count;
                }
                else if (count != featureCount)
                {
                    throw new DataFormatException(
                        featuresPath, lineNumber, $"expected {featureCount} values, found {count}");
                }

                sampleLines.Add(lineNumber);
            }
        }

        if (featureCount < 0)
        {
            throw new DataFormatException(featuresPath, null, "holds no samples");
        }

        var targets = new List<double>();
        var targetLines = new List<int>();
        using (var reader = TextValues.OpenText(targetsPath))
        {
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                var count = TextValues.AppendWhitespaceSeparated(line, targets, targetsPath, lineNumber);
                if (count > 1)
                {
                    throw new DataFormatException(targetsPath, lineNumber, $"expected 1 value, found {count}");
                }

                if (count == 1)
                {
                    targetLines.Add(lineNumber);
                }
            }
        }

        if (targets.Count != sampleLines.Count)
        {
            // With extra targets, point at the first one that has no sample.
            int? line = targets.Count > sampleLines.Count ? targetLines[sampleLines.Count] : null;
            throw new DataFormatException(
                targetsPath,
                line,
                $"holds {targets.Count} targets but {featuresPath} holds {sampleLines.Count} samples");
        }

        return LabelConversion.Build(
            name, features.ToArray(), featureCount, targets, labels, classCount: null, targetsPath, targetLines);
    }
}
