using System.Diagnostics;

namespace Sasg.Experiments.Sweeps.Slurm;

/// <summary>Runs Slurm's command-line tools (sbatch, squeue) found on PATH; nothing else talks to the cluster.</summary>
/// <remarks>No accounting database is assumed: a finished task is known from squeue only for the cluster's
/// MinJobAge (300 s by default); after that only the sweep folder tells.</remarks>
internal static class SlurmClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The full path of <paramref name="tool"/> on PATH, or null.</summary>
    public static string? Find(string tool)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The full path of <paramref name="tool"/>.</summary>
    /// <exception cref="SlurmException">It is not on PATH.</exception>
    public static string Require(string tool) =>
        Find(tool) ?? throw new SlurmException(
            $"{tool} not found on PATH: run on a Slurm login node, or start the local test cluster "
            + "(bash tools/slurm/slurm-local.sh up, then export the SLURM_CONF line it prints)");

    /// <summary>Submits <paramref name="script"/> with <c>sbatch --parsable</c>; returns the job id.</summary>
    /// <exception cref="SlurmException">sbatch refused it (its message is kept).</exception>
    public static string Submit(string script)
    {
        var (code, output, error) = Run(Require("sbatch"), "--parsable", script);
        if (code != 0)
        {
            var reason = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {code}";
            throw new SlurmException($"sbatch {script} failed: {reason}; fix the option it names (see the #SBATCH lines of the script)");
        }

        var id = output.Trim().Split(';')[0];
        return id.Length > 0 && id.All(char.IsAsciiDigit)
            ? id
            : throw new SlurmException($"sbatch {script} printed no job id (got '{output.Trim()}')");
    }

    /// <summary>Every array task squeue knows under the job name <paramref name="jobName"/> (running, pending, and
    /// ended within MinJobAge): "job_task" -> state; null when squeue is not on PATH or fails.</summary>
    public static Dictionary<string, string>? Queue(string jobName)
    {
        if (Find("squeue") is not { } squeue)
        {
            return null;
        }

        var (code, output, _) = Run(squeue, "-h", "-r", "-t", "all", "-n", jobName, "-o", "%i|%T");
        if (code != 0)
        {
            return null;
        }

        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            if (fields.Length == 2)
            {
                states[fields[0]] = fields[1];
            }
        }

        return states;
    }

    private static (int Code, string Output, string Error) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new SlurmException($"{program} did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new SlurmException($"{program} did not answer within {Timeout.TotalSeconds} s; is the cluster's slurmctld up (scontrol ping)?");
        }

        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }
}
