namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>One job array submitted for a sweep: array task <c>i</c> runs the sweep's task <c>FirstTask + i</c>.</summary>
/// <param name="JobId">Slurm's job id of the array.</param>
/// <param name="Training">Whether its tasks train (else they replay).</param>
/// <param name="FirstTask">The sweep task run by array index 0.</param>
/// <param name="Count">The number of array tasks.</param>
/// <param name="Script">The sbatch script, relative to the sweep folder.</param>
public sealed record SlurmSubmission(string JobId, bool Training, int FirstTask, int Count, string Script)
{
    /// <summary>Whether the sweep task <paramref name="task"/> belongs to this array.</summary>
    public bool Holds(int task) => task >= FirstTask && task < FirstTask + Count;

    /// <summary>Slurm's name of the array task that runs <paramref name="task"/>, for example <c>17_3</c>.</summary>
    public string ArrayTask(int task) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{JobId}_{task - FirstTask}");
}
