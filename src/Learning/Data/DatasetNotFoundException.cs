namespace Sasg.Learning.Data;

/// <summary>A dataset a run needs is not installed in any place the locator searches.</summary>
/// <remarks>The message is one line that names the dataset, the places searched and the command that installs it.</remarks>
public sealed class DatasetNotFoundException : Exception
{
    /// <summary>Creates the error for <paramref name="dataset"/>, with a one-line <paramref name="message"/>.</summary>
    public DatasetNotFoundException(string dataset, string message)
        : base(message)
    {
        Dataset = dataset;
    }

    /// <summary>The name of the missing dataset, as in <see cref="KnownDatasets"/>.</summary>
    public string Dataset { get; }
}
