namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>Slurm cannot be used as asked: a tool is missing from PATH, or sbatch refused a submission.</summary>
/// <remarks>The CLI prints the message on one line and exits with code 2.</remarks>
public sealed class SlurmException : Exception
{
    /// <summary>An exception with <paramref name="message"/>, which names the tool or option and the fix.</summary>
    public SlurmException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a default message.</summary>
    public SlurmException()
        : base("Slurm cannot be used.")
    {
    }

    /// <summary>An exception with <paramref name="message"/> and the exception that caused it.</summary>
    public SlurmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
