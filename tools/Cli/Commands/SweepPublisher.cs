using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Sasg.Cli.Commands;

/// <summary>Puts a self-contained sasg into a sweep folder's <c>bin/</c>, so that compute nodes need no .NET SDK:
/// reuses the one already there when it was built from the same sources, else copies this program when it is itself a
/// self-contained publish, else publishes the checkout it was built from (once per source state, into a cache).</summary>
/// <remarks>The checkout is found from <c>$SASG_CHECKOUT</c>, the current folder or the program's folder. The cache
/// is <c>$SASG_PUBLISH_CACHE</c>, or <c>~/.cache/sasg/publish</c>. Copies are hard links when the
/// cache and the sweep folder share a filesystem (a publish is about 580 MB, mostly libtorch).</remarks>
internal static class SweepPublisher
{
    private const string Stamp = "sasg.build";

    /// <summary>The path of the published sasg in <paramref name="directory"/>/bin, publishing it when needed.</summary>
    /// <exception cref="SweepPublishException">No published sasg can be had (the message says why and what to do).</exception>
    public static string Ensure(string directory, TextWriter progress)
    {
        var bin = Path.Combine(directory, "bin");
        var program = Path.Combine(bin, "sasg");
        var (key, source) = Source(progress);
        var stampPath = Path.Combine(bin, Stamp);
        if (File.Exists(program) && File.Exists(stampPath) && File.ReadAllText(stampPath).Trim() == key)
        {
            progress.WriteLine($"published sasg: {bin} (reused: same build)");
            return program;
        }

        var temporary = bin + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        DeleteDirectory(temporary);
        if (Exec("cp", "-al", source, temporary).Code != 0)
        {
            DeleteDirectory(temporary);
            var copy = Exec("cp", "-a", source, temporary);
            if (copy.Code != 0)
            {
                throw new SweepPublishException($"cannot copy the published sasg from {source} to {temporary}: {copy.Error.Trim()}");
            }
        }

        File.WriteAllText(Path.Combine(temporary, Stamp), key + "\n");
        DeleteDirectory(bin);
        Directory.Move(temporary, bin);
        progress.WriteLine($"published sasg: {bin} (from {source})");
        return program;
    }

    // (build key, folder holding a self-contained publish of that build)
    private static (string Key, string Folder) Source(TextWriter progress)
    {
        var version = typeof(SweepPublisher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var self = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(Path.Combine(self, "libcoreclr.so")) && File.Exists(Path.Combine(self, "sasg")))
        {
            var own = Hash(Directory.EnumerateFiles(self, "*.dll").Where(f => Path.GetFileName(f).StartsWith("Sasg.", StringComparison.Ordinal) || Path.GetFileName(f) == "sasg.dll"), self);
            return ($"{version} self-contained {own}", self);
        }

        var root = FindCheckout() ?? throw new SweepPublishException(
            "cannot find the checkout this sasg was built from, to publish a self-contained sasg for the compute nodes; run from the checkout "
            + "(dotnet run --project tools/Cli -- sweep ...) or run a published sasg (dotnet publish tools/Cli -c Release -r linux-x64 --self-contained)");
        var key = $"{version} sources {SourceHash(root)}";
        var cache = Environment.GetEnvironmentVariable("SASG_PUBLISH_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "sasg", "publish");
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        var output = Path.Combine(cache, id);
        if (File.Exists(Path.Combine(output, "sasg")) && File.Exists(Path.Combine(output, Stamp)) && File.ReadAllText(Path.Combine(output, Stamp)).Trim() == key)
        {
            return (key, output);
        }

        progress.WriteLine($"publishing a self-contained sasg from {root} into {output} (once per source state; about a minute)");
        DeleteDirectory(output);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        // The build folder is this source state's own: one shared by every checkout on the machine mixed the outputs of
        // two checkouts publishing at once (a published sasg with another checkout's Sasg.Learning.dll). It is removed
        // once the publish is in place.
        var build = Path.Combine(cache, "build-" + id + "-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var publish = Exec(
            dotnet, "publish", Path.Combine(root, "tools", "Cli", "Cli.csproj"), "-c", "Release", "-r", "linux-x64", "--self-contained",
            "-o", output, "--artifacts-path", build, "-nologo", "-v", "q");
        try
        {
            DeleteDirectory(build);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only disk space: the publish itself is whole or reported below.
        }
        if (publish.Code != 0 || !File.Exists(Path.Combine(output, "sasg")))
        {
            var reason = (publish.Output + publish.Error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? $"exit code {publish.Code}";
            throw new SweepPublishException($"dotnet publish of {root}/tools/Cli failed: {reason}");
        }

        File.WriteAllText(Path.Combine(output, Stamp), key + "\n");
        return (key, output);
    }

    private static string? FindCheckout()
    {
        var starts = new[] { Environment.GetEnvironmentVariable("SASG_CHECKOUT"), Environment.CurrentDirectory, AppContext.BaseDirectory };
        foreach (var start in starts.OfType<string>().Where(s => s.Length > 0))
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Sasg.sln")) && File.Exists(Path.Combine(directory.FullName, "tools", "Cli", "Cli.csproj")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }

    // Everything a publish compiles: the sources of the program and its libraries, the build files, the embedded scenario.
    private static string SourceHash(string root)
    {
        var files = new[] { "src", Path.Combine("tools", "Cli"), Path.Combine("tools", "build") }
            .Select(f => Path.Combine(root, f))
            .Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat(new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", Path.Combine("scenarios", "default.json") }
                .Select(f => Path.Combine(root, f))
                .Where(File.Exists));
        return Hash(files, root);
    }

    private static string Hash(IEnumerable<string> files, string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files.OrderBy(f => f, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static (int Code, string Output, string Error) Exec(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new SweepPublishException($"cannot start '{program}' ({ex.Message}); install it or put it on PATH");
        }

        using var process = started ?? throw new SweepPublishException($"{program} did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }
}
