using System.Diagnostics;
using Sasg.Experiments.Fidelity;
using Sasg.NetSim.Network;
using Sasg.TestSupport;
using SimTime = Sasg.NetSim.Kernel.SimTime;

namespace Sasg.Experiments.Tests.Fidelity;

/// <summary>Real TCP over an emulated star (tools/netem/netem.sh); needs root and network namespaces, else ignored.</summary>
[NonParallelizable]
public sealed class NetemIntegrationTests
{
    private static readonly string Script = RepositoryPaths.InRoot("tools", "netem", "netem.sh");

    private static NetemRunner Runner()
    {
        var runner = new NetemRunner(Script);
        if (runner.CannotEmulateReason() is { } reason)
        {
            Assert.Ignore(reason);
        }

        return runner;
    }

    private static string[] Namespaces(string prefix)
    {
        var list = Process.Start(new ProcessStartInfo("ip", "netns list") { RedirectStandardOutput = true })!;
        var text = list.StandardOutput.ReadToEnd();
        list.WaitForExit();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Where(n => n.StartsWith(prefix, StringComparison.Ordinal))];
    }

    [Test]
    public void Run_PushOfTwoWorkers_MeasuresNearTheWireModelAndLeavesNothingBehind()
    {
        var runner = Runner();
        using var folder = new TemporaryDirectory();
        var configuration = new FidelityConfiguration(2, Bandwidth.FromMegabitsPerSecond(100), SimTime.FromMilliseconds(2), FidelityMode.Push);
        PlannedIteration[] plan = [new("SGD", 0, [1_628_200, 1_628_200]), new("Top10", 0, [325_632, -1])];
        var planFile = folder.WriteFile("plan.txt", EmulationPlan.ToText(plan));
        const string prefix = "nxtest1";

        runner.Run(configuration, planFile, Path.Combine(folder.Path, "run"), 2, prefix);
        var measured = EmulationResult.Read(Path.Combine(folder.Path, "run"), plan.Length, 2);
        var payload = FidelityModel.Simulate(configuration, plan, LinkModelVariant.Payload, null);

        // Against the measured times less what the harness itself added, measured by the run's probes (as the CI gate
        // compares them), so that a busy machine's slower harness is not counted as the model's error.
        var errors = FidelityAnalysis.Observe(configuration, plan, measured).Select(o => o.Error(LinkModelVariant.Wire));
        using (Assert.EnterMultipleScope())
        {
            for (var pass = 0; pass < 2; pass++)
            {
                for (var i = 0; i < plan.Length; i++)
                {
                    // Nothing arrives faster than the shaped links allow.
                    Assert.That(measured.Durations[pass][i], Is.GreaterThan(payload[i] * 0.99), $"pass {pass} iteration {i}");
                }
            }

            // The wire model's median error, net of the harness, is within 5 % even on a busy machine (the CI subset
            // gates the 3 % target).
            Assert.That(FidelityAnalysis.Quantile([.. errors.Select(Math.Abs).Order()], 0.5), Is.LessThan(0.05));
            Assert.That(Namespaces(prefix), Is.Empty);
        }
    }

    [TestCase("--shaper", "htb", "--shaper must be delayline or tbf")]
    [TestCase("--delay-at", "router", "--delay-at router needs --shaper tbf")]
    [TestCase("--server-rate", "none", "--server-rate none needs --shaper tbf")]
    public void Run_AShaperOptionThatCannotWork_ExitsWithStatus2AndOneLine(string option, string value, string message)
    {
        using var folder = new TemporaryDirectory();
        var planFile = folder.WriteFile("plan.txt", "1000\n");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Script, "run", "--workers", "1", "--plan", planFile, "--out", Path.Combine(folder.Path, "run"), option, value })
        {
            start.ArgumentList.Add(a);
        }

        using var run = Process.Start(start)!;
        var error = run.StandardError.ReadToEnd();
        run.WaitForExit();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(error.Trim(), Is.EqualTo("netem: " + message));
            Assert.That(Directory.Exists(Path.Combine(folder.Path, "run")), Is.False, "nothing is set up or written");
        }
    }

    [Test]
    public void Run_InterruptedMidway_RemovesItsNamespacesAndProcesses()
    {
        Runner();
        using var folder = new TemporaryDirectory();
        var planFile = folder.WriteFile("plan.txt", string.Concat(Enumerable.Repeat("4000000 4000000\n", 50)));
        const string prefix = "nxtest2";
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Script, "run", "--workers", "2", "--rate", "10mbit", "--plan", planFile, "--out", Path.Combine(folder.Path, "run") })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NETEM_PREFIX"] = prefix;
        using var run = Process.Start(start)!;
        // Router, delay line, server and two workers (netem.sh's topology): wait for all five, whose creation order
        // and pace vary, before interrupting.
        const int Expected = 5;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Namespaces(prefix).Length < Expected && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }

        var upBefore = Namespaces(prefix).Length;
        Thread.Sleep(1500);
        using (var kill = Process.Start("kill", ["-INT", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        var exited = run.WaitForExit(20_000);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(upBefore, Is.EqualTo(Expected), "router, delay line, server and two workers were up before the interrupt");
            Assert.That(exited, Is.True);
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(Namespaces(prefix), Is.Empty);
        }
    }
}
