using System.Diagnostics;
using Sasg.Learning.Runtime;
using Sasg.TestSupport;

namespace Sasg.Cli.Tests.Commands;

/// <summary>Same scenario and seed, same bits: across processes, where the data lands at other addresses and oneMKL's
/// threads are scheduled anew (in-process repeats hide such differences).</summary>
[NonParallelizable]
public sealed class DeterminismTests
{
    [Test]
    public void TheDefaultScenario_RunInThreeProcesses_WritesByteIdenticalResults()
    {
        using var folder = new TemporaryDirectory();
        var outputs = Enumerable.Range(0, 3).Select(i => Path.Combine(folder.Path, "run" + i)).ToList();

        foreach (var output in outputs)
        {
            RunSasg("run", "--output", output);
        }

        using (Assert.EnterMultipleScope())
        {
            foreach (var file in new[] { "metrics.csv", "decisions.csv", "trace.csv" })
            {
                var first = File.ReadAllBytes(Path.Combine(outputs[0], file));
                foreach (var output in outputs.Skip(1))
                {
                    Assert.That(File.ReadAllBytes(Path.Combine(output, file)), Is.EqualTo(first), $"{file} of {Path.GetFileName(output)}");
                }
            }
        }
    }

    private static void RunSasg(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(SasgApp).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child sets oneMKL's mode itself, as a user's shell would leave it unset.
        start.Environment.Remove(NumericalReproducibility.Variable);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, error + output.Result);
    }
}
