using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

/// <summary>sasg replay (and the other readers of a results folder) on damaged inputs: exit 2 and one line that
/// names the file.</summary>
public sealed class ReplayCommandTests
{
    private static string Fixture => RepositoryPaths.InRoot("tests", "Experiments.Tests", "Replay", "Fixtures", "tiny-run");

    [TestCase(3, "GD,0,1,upl", "decisions.csv: line 3: 4 fields")]
    [TestCase(3, "GD,0,1,upload,-400,50000,false", "decisions.csv: line 3: column 'bytes'")]
    [TestCase(3, "GD,0,1,upload,9223372036854775807,50000,false", "decisions.csv: line 3: column 'bytes'")]
    [TestCase(3, "GD,0,1,upload,400,-50000,false", "decisions.csv: line 3: column 'compute_ns'")]
    [TestCase(6, "GD,1,99,upload,400,50000,false", "decisions.csv: line 6: 'GD' iteration 1, worker 99: the run has 3 workers")]
    [TestCase(2, "XX,0,0,upload,400,50000,false", "decisions.csv: line 2: column 'algorithm': 'XX' is not a method")]
    public void Replay_ADamagedDecisionsRow_ExitsTwoWithOneLine(int line, string text, string expected)
    {
        using var folder = Copy();
        var path = Path.Combine(folder.Path, "decisions.csv");
        var lines = File.ReadAllLines(path);
        lines[line - 1] = text;
        File.WriteAllLines(path, lines);

        AssertOneLine(Replay(folder.Path), expected);
    }

    [TestCase("", "decisions.csv: line 1: expected the header")]
    [TestCase("algorithm,iteration,worker,decision,bytes,compute_ns,requested\nGD,0,0,upload,400,50000,false\nGD,0,1,upload,400,50000,false\nGD,1,0,upl", "decisions.csv: line 4: 4 fields")]
    [TestCase("algorithm,iteration,worker,decision,bytes,compute_ns,requested\nGD,0,0,upload,400,50000,false\nGD,0,1,upload,400,50000,false\nGD,0,2,upload,400,50000,false\nGD,1,0,upload,400,50000,false\n", "decisions.csv: line 5: 'GD' stops in iteration 1")]
    public void Replay_AnEmptyOrTruncatedDecisionsFile_ExitsTwoWithOneLine(string content, string expected)
    {
        using var folder = Copy();
        File.WriteAllText(Path.Combine(folder.Path, "decisions.csv"), content);

        AssertOneLine(Replay(folder.Path), expected);
    }

    [TestCase("\"workers\": 3", "\"workers\": 1e8", "summary.json: $.workers: 100000000 workers, but")]
    [TestCase("\"workers\": 3", "\"workers\": -3", "summary.json: $.workers: -3 is not a whole number")]
    [TestCase("\"iterations\": 6", "\"iterations\": 60000000", "summary.json: $.algorithms[0].iterations: 60000000, but")]
    [TestCase("{", "{{", "summary.json: $: not valid JSON")]
    public void Replay_ADamagedSummary_ExitsTwoWithOneLine_WithinBoundedMemory(string field, string damaged, string expected)
    {
        using var folder = Copy();
        var path = Path.Combine(folder.Path, "summary.json");
        var text = File.ReadAllText(path);
        var at = text.IndexOf(field, StringComparison.Ordinal);
        File.WriteAllText(path, text[..at] + damaged + text[(at + field.Length)..]);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var result = Replay(folder.Path);

        AssertOneLine(result, expected);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - allocated, Is.LessThan(64L << 20));
    }

    [TestCase("--ingress", "bogus", "--ingress bogus: write sequential-push, sequential-pull, fair-share or unlimited")]
    [TestCase("--uplink", "0bps", "--uplink 0bps: bandwidth '0bps' is not positive")]
    [TestCase("--uplink", "-5Mbps", "--uplink -5Mbps: bandwidth '-5Mbps' is negative")]
    [TestCase("--uplink", "5", "--uplink 5: bandwidth '5' has no unit")]
    [TestCase("--downlink", "1Xbps", "--downlink 1Xbps: bandwidth '1Xbps' has the unknown unit 'Xbps'")]
    [TestCase("--server-ingress", "0Gbps", "--server-ingress 0Gbps: bandwidth '0Gbps' is not positive")]
    [TestCase("--latency", "-1ms", "--latency -1ms: duration '-1ms' is negative")]
    [TestCase("--latency", "5", "--latency 5: duration '5' has no unit")]
    [TestCase("--latency", "1000000000min", "--latency 1000000000min: duration '1000000000min' is too large")]
    [TestCase("--mtu", "abc", "--mtu abc: write an MTU from 576 to 65535 bytes")]
    [TestCase("--mtu", "100", "--mtu 100: write an MTU from 576 to 65535 bytes")]
    [TestCase("--mtu", "-1500", "--mtu -1500: write an MTU from 576 to 65535 bytes")]
    [TestCase("--connection", "cold", "--connection cold: write persistent")]
    public void Replay_ABadOption_ExitsTwoWithOneLineNamingIt(string option, string value, string expected)
    {
        using var folder = Copy();

        var result = Replay(folder.Path, option, value);

        AssertOneLine(result, "sasg: " + expected);
        Assert.That(result.Error, Does.Not.Contain("(Parameter"));
    }

    [Test]
    public void Replay_ARunWhoseDecisionsDependOnTime_ExitsTwoWithOneLineNamingTheReason()
    {
        using var folder = Copy();
        var path = Path.Combine(folder.Path, "scenario.json");
        File.WriteAllText(path, File.ReadAllText(path).TrimEnd().TrimEnd('}') + ", \"protocol\": { \"kind\": \"deadline\", \"deadline\": { \"fastest\": 2 } } }");

        AssertOneLine(Replay(folder.Path), "scenario.json: $.protocol.kind: cannot replay this run: under protocol kind \"deadline\"");
    }

    [Test]
    public void ValidateNetwork_ADamagedDecisionsFile_ExitsTwoWithOneLine()
    {
        using var folder = Copy();
        using var output = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(folder.Path, "decisions.csv"), "algorithm,iteration,worker,decision,bytes,compute_ns,requested\nGD,0,0,upload,-1,5,false\n");
        var error = new StringWriter();

        var code = SasgApp.Run(["validate-network", folder.Path, "--output", output.Path, "--analyze-only"], new TestConsole(), error, DatasetLocator.Default);

        AssertOneLine((code, error.ToString()), "decisions.csv: line 2: column 'bytes': -1 is out of range");
    }

    [TestCase("metrics.csv", "algorithm,iteration\n", "metrics.csv: line 1: expected the header")]
    [TestCase("summary.json", "{ \"name\": 5 }", "summary.json: $.name: 5 is not a string")]
    [TestCase("summary.json", "\0\u0001garbage", "summary.json: $: not valid JSON")]
    public void Plot_ADamagedMetricsOrSummary_ExitsTwoWithOneLine(string file, string content, string expected)
    {
        using var folder = Copy();
        File.WriteAllText(Path.Combine(folder.Path, file), content);
        var error = new StringWriter();

        var code = SasgApp.Run(["plot", folder.Path], new TestConsole(), error, DatasetLocator.Default);

        AssertOneLine((code, error.ToString()), expected);
    }

    internal static TemporaryDirectory Copy()
    {
        var folder = new TemporaryDirectory();
        foreach (var file in Directory.GetFiles(Fixture))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        return folder;
    }

    internal static (int Code, string Error) Replay(string folder, params string[] options)
    {
        var error = new StringWriter();
        var code = SasgApp.Run(["replay", folder, .. options], new TestConsole().Width(200), error, DatasetLocator.Default);
        return (code, error.ToString());
    }

    internal static void AssertOneLine((int Code, string Error) result, string expected)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Code, Is.EqualTo(2), result.Error);
            Assert.That(result.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), result.Error);
            Assert.That(result.Error, Does.StartWith("sasg: ").And.Contain(expected));
        }
    }
}
