using System.Diagnostics;
using System.Globalization;

namespace Sasg.Experiments.Fidelity;

/// <summary>Runs tools/netem/netem.sh: checks the machine, and replays a plan on one emulated network.</summary>
/// <param name="Script">The path of netem.sh.</param>
public sealed record NetemRunner(string Script) : INetworkReference
{
    /// <summary>The exit status netem.sh uses when the machine cannot emulate (not root, no namespaces, ...).</summary>
    public const int CannotEmulate = 3;

    /// <inheritdoc/>
    public string Engine => "netem";

    /// <inheritdoc/>
    public string? CannotRunReason() => CannotEmulateReason();

    /// <summary>Null when the machine can emulate, else netem.sh's one-line reason.</summary>
    public string? CannotEmulateReason()
    {
        var (status, output) = Execute(["check"], null);
        return status == 0 ? null : FirstLine(output, "netem.sh check failed");
    }

    /// <summary>Replays <paramref name="planFile"/> on <paramref name="configuration"/>'s network, <paramref name="passes"/>
    /// times; results go to <paramref name="directory"/> (uploads.csv, probes.csv, environment.txt, netem.log).</summary>
    /// <exception cref="InvalidOperationException">The run failed; the message holds netem.sh's last output line.</exception>
    public void Run(FidelityConfiguration configuration, string planFile, string directory, int passes, string prefix)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string[] arguments =
        [
            "run", "--workers", configuration.Workers.ToString(CultureInfo.InvariantCulture),
            "--rate", configuration.NetemRate,
            "--delay-us", configuration.LatencyMicroseconds.ToString(CultureInfo.InvariantCulture),
            "--plan", planFile, "--out", directory,
            "--repeat", passes.ToString(CultureInfo.InvariantCulture),
        ];
        if (configuration.Mode == FidelityMode.Pull)
        {
            arguments = [.. arguments, "--pull"];
        }

        if (configuration.NewConnection)
        {
            arguments = [.. arguments, "--new-connection"];
        }

        var (status, output) = Execute(arguments, prefix);
        if (status != 0)
        {
            var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "no output";
            throw new InvalidOperationException(
                $"netem.sh run for {configuration.Name} exited with {status.ToString(CultureInfo.InvariantCulture)}: {last}");
        }
    }

    private (int Status, string Output) Execute(IReadOnlyList<string> arguments, string? prefix)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (prefix is not null)
        {
            start.Environment["NETEM_PREFIX"] = prefix;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start bash {Script}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.GetAwaiter().GetResult());
    }

    private static string FirstLine(string text, string fallback) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? fallback;
}
