using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Results;

namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>The cluster part of a sweep folder: <c>slurm/tasks.tsv</c> (task -> cells), <c>slurm/submissions.tsv</c>
/// (job arrays), <c>slurm/options.json</c>, the sbatch scripts, <c>slurm/failed/&lt;cell-id&gt;</c> (why a cell
/// failed), <c>logs/%A_%a.out</c> (one log per array task) and <c>bin/</c> (the published sasg).</summary>
/// <remarks>Only the submitting process writes tasks.tsv and submissions.tsv (atomically, whole); tasks write only
/// their cells and failure records.</remarks>
internal sealed class SlurmSweepFolder
{
    private const string TasksFile = "tasks.tsv";
    private const string SubmissionsFile = "submissions.tsv";
    private const string OptionsFile = "options.json";

    public SlurmSweepFolder(string directory) => Directory = Path.GetFullPath(directory);

    public string Directory { get; }

    public string SlurmDirectory => Path.Combine(Directory, "slurm");

    public string Logs => Path.Combine(Directory, "logs");

    public string FailedDirectory => Path.Combine(SlurmDirectory, "failed");

    /// <summary>Whether anything was ever submitted from this folder.</summary>
    public bool HasSubmissions => File.Exists(Path.Combine(SlurmDirectory, SubmissionsFile));

    /// <summary>The jobs' name: the scenario's name and a hash of the folder, so that squeue tells sweeps apart.</summary>
    public string JobName(string scenario)
    {
        var safe = new string(scenario.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').Take(24).ToArray());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Directory)))[..8];
        return $"sasg-{safe}-{hash}";
    }

    public string LogOf(SlurmSubmission submission, int task) => Path.Combine(Logs, submission.ArrayTask(task) + ".out");

    public List<SlurmTask> ReadTasks()
    {
        var path = Path.Combine(SlurmDirectory, TasksFile);
        if (!File.Exists(path))
        {
            return [];
        }

        return File.ReadLines(path)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(f => new SlurmTask(
                int.Parse(f[0], CultureInfo.InvariantCulture),
                f[1] == "train",
                f[2].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList()))
            .ToList();
    }

    public void AppendTasks(IEnumerable<SlurmTask> tasks)
    {
        var path = Path.Combine(SlurmDirectory, TasksFile);
        var text = new StringBuilder(File.Exists(path) ? File.ReadAllText(path) : "# task\tkind\tcells (indices in manifest.json)\n");
        foreach (var task in tasks)
        {
            text.Append(CultureInfo.InvariantCulture, $"{task.Index}\t{(task.Training ? "train" : "replay")}\t{string.Join(',', task.Cells)}\n");
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    public List<SlurmSubmission> ReadSubmissions()
    {
        var path = Path.Combine(SlurmDirectory, SubmissionsFile);
        if (!File.Exists(path))
        {
            return [];
        }

        return File.ReadLines(path)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(f => new SlurmSubmission(
                f[0], f[1] == "train", int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture), f[4]))
            .ToList();
    }

    public void AppendSubmission(SlurmSubmission submission)
    {
        var path = Path.Combine(SlurmDirectory, SubmissionsFile);
        var text = new StringBuilder(File.Exists(path) ? File.ReadAllText(path) : "# job\tkind\tfirst task\ttasks\tscript\n");
        text.Append(
            CultureInfo.InvariantCulture,
            $"{submission.JobId}\t{(submission.Training ? "train" : "replay")}\t{submission.FirstTask}\t{submission.Count}\t{submission.Script}\n");
        AtomicFile.WriteAllText(path, text.ToString());
    }

    public void WriteOptions(SlurmSweepOptions options)
    {
        var json = JObject.FromObject(options);
        AtomicFile.WriteAllText(Path.Combine(SlurmDirectory, OptionsFile), json.ToString(Formatting.Indented).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
    }

    public SlurmSweepOptions ReadOptions()
    {
        var path = Path.Combine(SlurmDirectory, OptionsFile);
        return File.Exists(path)
            ? JObject.Parse(File.ReadAllText(path)).ToObject<SlurmSweepOptions>() ?? new SlurmSweepOptions()
            : new SlurmSweepOptions();
    }

    /// <summary>Records why <paramref name="cellId"/> failed (one line), for <c>sasg sweep status</c>.</summary>
    public void WriteFailure(string cellId, string reason) =>
        AtomicFile.WriteAllText(Path.Combine(FailedDirectory, cellId), reason.ReplaceLineEndings(" ") + "\n");

    public void ClearFailure(string cellId)
    {
        var path = Path.Combine(FailedDirectory, cellId);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Each failed cell's id and recorded reason.</summary>
    public Dictionary<string, string> ReadFailures() =>
        System.IO.Directory.Exists(FailedDirectory)
            ? System.IO.Directory.EnumerateFiles(FailedDirectory)
                .Where(f => !Path.GetFileName(f).Contains(".tmp-", StringComparison.Ordinal))
                .ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f).TrimEnd(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
