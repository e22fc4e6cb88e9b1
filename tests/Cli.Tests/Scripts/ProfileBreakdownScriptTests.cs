using System.Diagnostics;
using Sasg.TestSupport;

namespace Sasg.Cli.Tests.Scripts;

/// <summary>tools/scripts/profile-breakdown.py on a small speedscope trace: shares by kind of work and of single frames
/// (<c>--frame</c>), and one line with exit 2 for bad arguments.</summary>
public sealed class ProfileBreakdownScriptTests
{
    // One thread: the training loop (100 ms) holds a gradient (30 ms) and a memory copy (10 ms).
    private const string Trace = """
        {"shared": {"frames": [
          {"name": "Sasg.Experiments!Sasg.Experiments.Driver.AlgorithmRunner`1[System.Single].Loop(int32)"},
          {"name": "Sasg.Learning!Sasg.Learning.Training.FlatModel`1[System.Single].ComputeGradientUpdating(int32)"},
          {"name": "System.Private.CoreLib!System.Buffer.MemmoveInternal(unsigned int8&)"}]},
         "profiles": [{"type": "evented", "events": [
          {"type": "O", "frame": 0, "at": 0}, {"type": "O", "frame": 1, "at": 0}, {"type": "C", "frame": 1, "at": 30},
          {"type": "O", "frame": 2, "at": 30}, {"type": "C", "frame": 2, "at": 40}, {"type": "C", "frame": 0, "at": 100}]}]}
        """;

    [Test]
    public void Frame_GivesItsShareOfTheLoop_BesideTheKindsOfWork()
    {
        using var folder = new TemporaryDirectory();
        var trace = folder.WriteFile("t.speedscope.json", Trace);

        var (exitCode, output, _) = Run(trace, "--frame", "MemmoveInternal");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(output, Does.Match(@"gradient \(libtorch forward \+ backward\)\s+30\.0\s+30\.0"));
            Assert.That(output, Does.Match(@"frame MemmoveInternal\s+10\.0\s+10\.0"));
        }
    }

    [Test]
    public void AnEvaluationWhoseRunnerFrameWasInlined_CountsAsEvaluation()
    {
        // The loop (100 ms) calls MethodEvaluator.Evaluate directly (AlgorithmRunner.Evaluate inlined), 40 ms of it.
        using var folder = new TemporaryDirectory();
        var trace = folder.WriteFile("t.speedscope.json", """
            {"shared": {"frames": [
              {"name": "Sasg.Experiments!Sasg.Experiments.Driver.AlgorithmRunner`1[System.Single].Loop(int32)"},
              {"name": "Sasg.Experiments!Sasg.Experiments.Driver.MethodEvaluator`1[System.Single].Evaluate(class)"},
              {"name": "Sasg.Learning!Sasg.Learning.Models.Mlp.forward(class)"}]},
             "profiles": [{"type": "evented", "events": [
              {"type": "O", "frame": 0, "at": 0}, {"type": "O", "frame": 1, "at": 10}, {"type": "O", "frame": 2, "at": 10},
              {"type": "C", "frame": 2, "at": 50}, {"type": "C", "frame": 1, "at": 50}, {"type": "C", "frame": 0, "at": 100}]}]}
            """);

        var (exitCode, output, _) = Run(trace);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(output, Does.Match(@"evaluation\s+40\.0\s+40\.0"));
            Assert.That(output, Does.Match(@"decisions and metrics\s+60\.0\s+60\.0"));
        }
    }

    [Test]
    public void GradientsIntoAnUploadOrAtAStaleIterate_CountAsGradient_AndTheStalePointsCopyAsParameterLoad()
    {
        // The loop (100 ms): a gradient into a payload (20 ms), one at a stale iterate (25 ms), the stale point's copy
        // into the second parameter vector (10 ms).
        using var folder = new TemporaryDirectory();
        var trace = folder.WriteFile("t.speedscope.json", """
            {"shared": {"frames": [
              {"name": "Sasg.Experiments!Sasg.Experiments.Driver.AlgorithmRunner`1[System.Single].Loop(int32)"},
              {"name": "Sasg.Learning!Sasg.Learning.Training.FlatModel`1[System.Single].ComputeGradientInto(value class,class)"},
              {"name": "Sasg.Learning!Sasg.Learning.Training.FlatModel`1[System.Single].ComputeAsideGradient(value class)"},
              {"name": "Sasg.Learning!Sasg.Learning.Training.ModelState`1[System.Single].LoadAside(value class,int64)"}]},
             "profiles": [{"type": "evented", "events": [
              {"type": "O", "frame": 0, "at": 0}, {"type": "O", "frame": 1, "at": 0}, {"type": "C", "frame": 1, "at": 20},
              {"type": "O", "frame": 2, "at": 20}, {"type": "C", "frame": 2, "at": 45},
              {"type": "O", "frame": 3, "at": 45}, {"type": "C", "frame": 3, "at": 55}, {"type": "C", "frame": 0, "at": 100}]}]}
            """);

        var (exitCode, output, _) = Run(trace);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(output, Does.Match(@"gradient \(libtorch forward \+ backward\)\s+45\.0\s+45\.0"));
            Assert.That(output, Does.Match(@"parameter load into the model\s+10\.0\s+10\.0"));
        }
    }

    [TestCase(new string[0], "give the trace first")]
    [TestCase(new[] { "TRACE", "--frame" }, "--frame needs the text")]
    [TestCase(new[] { "TRACE", "--frames", "x" }, "unknown argument '--frames'")]
    [TestCase(new[] { "no-such-trace.json" }, "'no-such-trace.json' is not a file")]
    public void BadArguments_OneLineAndExitTwo(string[] arguments, string message)
    {
        using var folder = new TemporaryDirectory();
        var trace = folder.WriteFile("t.speedscope.json", Trace);

        var (exitCode, _, error) = Run([.. arguments.Select(a => a == "TRACE" ? trace : a)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.Contain(message));
        }
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.InRoot("tools", "scripts", "profile-breakdown.py"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("python3 is not installed here.");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error);
        }
    }
}
