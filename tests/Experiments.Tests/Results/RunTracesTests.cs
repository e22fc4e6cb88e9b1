using System.Text.Json;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Results.Plots;
using Sasg.Experiments.Tests.Driver;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Results;

[NonParallelizable]
public sealed class RunTracesTests
{
    [Test]
    public void Complete_WritesOneCsvAndOneJsonHoldingEveryMethodInOrder()
    {
        using var folder = new TemporaryDirectory();
        var plan = TinyPlans.Stochastic("SGD", "SASG");
        using (var traces = RunTraces.Open(folder.Path))
        {
            ExperimentDriver.Run(plan, traces.Begin);
            traces.Complete();
        }

        var lines = File.ReadAllLines(Path.Combine(folder.Path, "trace.csv"));
        var methods = lines.Skip(1).Select(l => l.Split(',')[0]).ToList();
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder.Path, "trace.json")));
        var events = json.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        var processes = events
            .Where(e => e.GetProperty("name").GetString() == "process_name")
            .Select(e => (e.GetProperty("pid").GetInt32(), e.GetProperty("args").GetProperty("name").GetString()))
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines[0], Is.EqualTo("algorithm,start_ns,end_ns,node,kind,round,bytes"));
            Assert.That(methods.Distinct(), Is.EqualTo(new[] { "SGD", "SASG" }), "each method once, as a block, in plan order");
            Assert.That(methods.IndexOf("SASG"), Is.EqualTo(methods.LastIndexOf("SGD") + 1));
            Assert.That(processes, Is.EqualTo(new[] { (1, "SGD"), (2, "SASG") }));
            Assert.That(events.Count(e => e.GetProperty("ph").GetString() == "X"), Is.EqualTo(lines.Length - 1),
                "one trace event per CSV row");
            Assert.That(Directory.GetFiles(folder.Path, "*.tmp-*"), Is.Empty);
        }
    }

    [Test]
    public void TraceCsv_ReadsOneMethodOfTheCombinedFile_AndALabelWithACommaSurvivesQuoting()
    {
        using var folder = new TemporaryDirectory();
        var plan = TinyPlans.Stochastic("SGD", "SASG");
        using (var traces = RunTraces.Open(folder.Path))
        {
            ExperimentDriver.Run(plan, label => traces.Begin(label == "SASG" ? "SASG, k=1%" : label));
            traces.Complete();
        }

        var path = Path.Combine(folder.Path, "trace.csv");
        var sgd = TraceCsv.Read(path, rounds: 2, "SGD");
        var sasg = TraceCsv.Read(path, rounds: 2, "SASG, k=1%");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sgd, Is.Not.Empty);
            Assert.That(sasg, Is.Not.Empty);
            Assert.That(sgd.Concat(sasg).Max(r => r.Round), Is.EqualTo(1));
            Assert.That(TraceCsv.Read(path, rounds: 2, "nosuch"), Is.Empty);
            Assert.That(File.ReadLines(path).Any(l => l.StartsWith("\"SASG, k=1%\",", StringComparison.Ordinal)), Is.True);
        }
    }

    [Test]
    public void Dispose_WithoutComplete_LeavesNoTraceFileBehind()
    {
        using var folder = new TemporaryDirectory();
        using (var traces = RunTraces.Open(folder.Path))
        {
            traces.Begin("GD");
        }

        Assert.That(Directory.GetFiles(folder.Path), Is.Empty);
    }

    [Test]
    public void Complete_WhenTheJoinedFileCannotBeWritten_LeavesNoPartBehind()
    {
        using var folder = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(folder.Path, "trace.csv"));
        var traces = RunTraces.Open(folder.Path);
        ExperimentDriver.Run(TinyPlans.Stochastic("SGD"), traces.Begin);

        Assert.That(traces.Complete, Throws.InstanceOf<IOException>());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Directory.GetFiles(folder.Path), Is.Empty, "no trace.part*.tmp-PID left");
            Assert.That(traces.IsClosed, Is.True);
        }

        traces.Dispose();
    }
}
