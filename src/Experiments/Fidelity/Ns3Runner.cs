using System.Diagnostics;
using System.Globalization;

namespace Sasg.Experiments.Fidelity;

/// <summary>Runs the ns-3 replay of the star (tools/ns3/star.cc, built by tools/ns3/build.sh against Debian's
/// libns3-dev): the same plan, network and TCP as tools/netem, simulated packet by packet.</summary>
/// <param name="buildScript">The path of tools/ns3/build.sh.</param>
public sealed class Ns3Runner(string buildScript) : INetworkReference
{
    /// <summary>The exit status build.sh check uses when ns-3 is unusable here (as netem's "cannot emulate").</summary>
    public const int CannotSimulate = 3;

    private string? _binary;

    /// <summary>The path of tools/ns3/build.sh.</summary>
    public string BuildScript { get; } = buildScript;

    /// <inheritdoc/>
    public string Engine => "ns-3";

    /// <inheritdoc/>
    public string? CannotRunReason()
    {
        var (status, output) = Execute("bash", [BuildScript, "check"]);
        return status == 0 ? null : FirstLine(output, "tools/ns3/build.sh check failed");
    }

    /// <summary>The command-line arguments of the ns-3 program for one run (without the program).</summary>
    /// <exception cref="ArgumentException">The configuration asks for a new connection per upload, which the ns-3 replay
    /// does not model.</exception>
    public static IReadOnlyList<string> Arguments(FidelityConfiguration configuration, string planFile, string directory, int passes)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.NewConnection)
        {
            throw new ArgumentException("The ns-3 replay uses persistent connections only.", nameof(configuration));
        }

        List<string> arguments =
        [
            "--workers", configuration.Workers.ToString(CultureInfo.InvariantCulture),
            "--rate-bps", configuration.Rate.BitsPerSecond.ToString(CultureInfo.InvariantCulture),
            "--delay-us", (configuration.Latency.Nanoseconds / 1000.0).ToString("R", CultureInfo.InvariantCulture),
            "--plan", planFile, "--out", directory,
            "--repeat", passes.ToString(CultureInfo.InvariantCulture),
        ];
        if (configuration.Mode == FidelityMode.Pull)
        {
            arguments.Add("--pull");
        }

        if (configuration.Groups > 0)
        {
            arguments.AddRange(["--groups", configuration.Groups.ToString(CultureInfo.InvariantCulture)]);
        }

        return arguments;
    }

    /// <inheritdoc/>
    public void Run(FidelityConfiguration configuration, string planFile, string directory, int passes, string prefix)
    {
        var arguments = Arguments(configuration, planFile, directory, passes);
        if (_binary is null)
        {
            var (built, output) = Execute("bash", [BuildScript]);
            var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim();
            _binary = built == 0 && last is not null && File.Exists(last)
                ? last
                : throw new InvalidOperationException($"tools/ns3/build.sh exited with {built.ToString(CultureInfo.InvariantCulture)}: {last ?? "no output"}");
        }

        Directory.CreateDirectory(directory);
        var (status, log) = Execute(_binary, arguments);
        File.WriteAllText(Path.Combine(directory, "ns3.log"), log);
        if (status != 0)
        {
            var last = log.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "no output";
            throw new InvalidOperationException(
                $"ns-3 run for {configuration.Name} exited with {status.ToString(CultureInfo.InvariantCulture)}: {last}");
        }
    }

    private static (int Status, string Output) Execute(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.GetAwaiter().GetResult());
    }

    private static string FirstLine(string text, string fallback) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? fallback;
}
