using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

/// <summary>Bad capacity traces and availability files through the CLI: one line naming the file and line, exit 2.</summary>
public sealed class TimeVaryingInputsCommandTests
{
    private const string Header = "worker,online_from_s,online_until_s\n";

    [TestCase("up.txt", "1\n2\n1\n", "$.network.linkTraces.uplink[0]: {0}/up.txt:3: timestamp 1 ms comes after 2 ms; sort the timestamps: a Mahimahi trace never goes back in time")]
    [TestCase("up.txt", "", "$.network.linkTraces.uplink[0]: {0}/up.txt: the trace has no timestamps, so it never delivers a packet; write one line per 1500-byte delivery opportunity, in milliseconds")]
    [TestCase("up.csv", "time_s,bits_per_second\n0,0\n", "$.network.linkTraces.uplink[0]: {0}/up.csv:2: the last step is 0 bit/s, which the trace holds for ever, so a transfer then never ends; end the trace with a step above 0 bit/s (a CSV trace holds its last step; it does not loop)")]
    public void Validate_WithABadTrace_ExitsTwoWithOneLine(string name, string trace, string expected)
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile(name, trace);
        var path = folder.WriteFile("s.json", Scenario($$"""{ "linkTraces": { "uplink": ["{{name}}"] } }""", availability: null));

        var (code, error) = Validate(path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Is.EqualTo($"{path}: {expected.Replace("{0}", folder.Path, StringComparison.Ordinal)}\n"));
        }
    }

    [TestCase(Header + "0,0,1\n0,x,2\n", "{0}/online.csv:3: online_from_s 'x' is not a time in 0..2305843009 s; write a time in seconds, 0 or more")]
    [TestCase(Header + "3,0,1\n", "{0}/online.csv:2: worker '3' is not one of the 3 workers; write a worker index in 0..2")]
    [TestCase(Header + "1,9,4\n", "{0}/online.csv:2: the interval ends at 4 s, not after it starts at 9 s; give online_until_s greater than online_from_s")]
    public void Validate_WithABadAvailabilityFile_ExitsTwoWithOneLine(string file, string expected)
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile("online.csv", file);
        var path = folder.WriteFile("s.json", Scenario(network: null, """{ "file": "online.csv" }"""));

        var (code, error) = Validate(path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Is.EqualTo($"{path}: $.availability.file: {expected.Replace("{0}", folder.Path, StringComparison.Ordinal)}\n"));
        }
    }

    [Test]
    public void Run_WithLinkTraces_RunsOnTheEventDrivenNetwork()
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile("up.txt", "1\n");
        var path = folder.WriteFile("s.json", Scenario("""{ "linkTraces": { "uplink": ["up.txt"] } }""", availability: null));
        var error = new StringWriter();

        var validate = Validate(path);
        var code = SasgApp.Run(["run", path, "--output", Path.Combine(folder.Path, "out")], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(validate.Code, Is.Zero, validate.Error);
            Assert.That(code, Is.Zero, error.ToString());
            Assert.That(File.Exists(Path.Combine(folder.Path, "out", "summary.json")), Is.True);
        }
    }

    private static (int Code, string Error) Validate(string path)
    {
        var error = new StringWriter();
        var code = SasgApp.Run(["validate", path], new TestConsole(), error, DatasetLocator.Default);
        return (code, error.ToString());
    }

    private static string Scenario(string? network, string? availability) => $$"""
        {
          "name": "t",
          "data": { "source": "lag-synthetic", "workers": 3 },
          "model": { "kind": "linear" },
          "training": { "iterations": 2, "stepSize": "1/L" },
          "algorithms": [ { "name": "GD" } ]{{(network is null ? "" : $",\n  \"network\": {network}")}}{{(availability is null ? "" : $",\n  \"availability\": {availability}")}}
        }
        """;
}
