using System.Diagnostics;

namespace Sasg.Cli.Tests.Commands;

/// <summary>Starts the built sasg program as a process of its own (the Cli project's output, sasg.dll with its
/// runtimeconfig, is copied next to the test assembly).</summary>
internal static class SasgProcess
{
    /// <summary>Starts <c>sasg</c> with <paramref name="args"/>; <paramref name="redirect"/> captures its output.</summary>
    public static Process Start(bool redirect, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sasg.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
