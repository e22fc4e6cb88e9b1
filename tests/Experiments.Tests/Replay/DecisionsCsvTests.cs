using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Replay;

public sealed class DecisionsCsvTests
{
    private static readonly string[] Labels = ["GD", "LAG-WK", "LAG-PS"];

    [Test]
    public void Read_TheFixture_GivesEveryRow()
    {
        var rows = Sasg.Experiments.Replay.DecisionsCsv.Read(Path.Combine(ReplayFixture.Source, "decisions.csv"), Labels);

        Assert.That(rows, Has.Count.EqualTo(3 * 6 * 3));
    }

    [TestCase(3, "GD,0,1,upl", "line 3: 4 fields where 7 were expected")]
    [TestCase(3, "GD,0,1,upload,-400,50000,false", "line 3: column 'bytes': -400 is out of range")]
    [TestCase(3, "GD,0,1,upload,9223372036854775807,50000,false", "line 3: column 'bytes': 9223372036854775807 is out of range")]
    [TestCase(3, "GD,0,1,upload,99999999999999999999,50000,false", "line 3: column 'bytes': '99999999999999999999' is not a whole number")]
    [TestCase(3, "GD,0,1,upload,400,-50000,false", "line 3: column 'compute_ns': -50000 is out of range")]
    [TestCase(6, "GD,1,99,upload,400,50000,false", "line 6: 'GD' iteration 1, worker 99: the run has 3 workers (0 to 2)")]
    [TestCase(5, "GD,2,0,upload,400,50000,false", "line 5: 'GD' iteration 2, worker 0 where iteration 0, worker 3 or iteration 1, worker 0 was expected")]
    [TestCase(3, "GD,-1,1,upload,400,50000,false", "line 3: column 'iteration': -1 is out of range")]
    [TestCase(3, "GD,0,1,uplaod,400,50000,false", "line 3: column 'decision': 'uplaod' is not upload, skip, not-requested or not-sampled")]
    [TestCase(3, "GD,0,1,skip,400,50000,false", "line 3: column 'bytes': 400 bytes for a 'skip' decision")]
    [TestCase(3, "GD,0,1,upload,400,50000,maybe", "line 3: column 'requested': 'maybe' is not true or false")]
    [TestCase(3, "ZZ,0,1,upload,400,50000,false", "line 3: column 'algorithm': 'ZZ' is not a method of this run")]
    [TestCase(1, "algorithm,iteration", "line 1: expected the header")]
    public void Read_ADamagedRow_NamesTheFileLineAndColumnInOneLine(int line, string text, string expected)
    {
        using var folder = new TemporaryDirectory();
        ReplayFixture.ReplaceLine(ReplayFixture.CopyTo(folder), "decisions.csv", line, text);
        var path = Path.Combine(folder.Path, "decisions.csv");

        AssertProblem(path, expected, Labels);
    }

    [TestCase("a\",b")]
    [TestCase("\"quoted\", and, commas")]
    [TestCase("x,\"\"")]
    public void Read_ALabelWithQuotesAndCommas_GivesTheLabelAsWritten(string label)
    {
        using var folder = new TemporaryDirectory();
        Sasg.Experiments.Driver.DecisionRow[] written =
        [
            new(label, 0, 0, "upload", 400, 50000, false),
            new(label, 1, 0, "skip", 0, 50000, false),
        ];
        var path = folder.WriteFile("decisions.csv", Sasg.Experiments.Results.CsvTables.Decisions(written));

        var rows = Sasg.Experiments.Replay.DecisionsCsv.Read(path, [label]);

        Assert.That(rows.Select(r => r.Algorithm), Is.EqualTo(new[] { label, label }));
    }

    [Test]
    public void Read_AnEmptyFile_SaysSoOnLineOne()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("decisions.csv", string.Empty);

        AssertProblem(path, "line 1: expected the header 'algorithm,iteration,worker,decision,bytes,compute_ns,requested' (the file is empty)");
    }

    [Test]
    public void Read_AFileCutInsideAnIteration_SaysItIsCutShort()
    {
        using var folder = new TemporaryDirectory();
        var lines = File.ReadAllLines(Path.Combine(ReplayFixture.Source, "decisions.csv"));
        var path = folder.WriteFile("decisions.csv", string.Join('\n', lines.Take(6)) + "\n");

        AssertProblem(path, "line 6: 'GD' stops in iteration 1 after worker 1 of 3 (workers 0 to 2): the file is cut short");
    }

    [Test]
    public void Read_AFileCutInsideALine_NamesTheLastLine()
    {
        using var folder = new TemporaryDirectory();
        var text = File.ReadAllText(Path.Combine(ReplayFixture.Source, "decisions.csv"));
        var path = folder.WriteFile("decisions.csv", text[..(text.IndexOf("GD,1,1", StringComparison.Ordinal) + 9)]);

        AssertProblem(path, "line 6: 4 fields where 7 were expected");
    }

    [Test]
    public void Read_MethodsWithDifferentWorkerCounts_SaysSo()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("decisions.csv", """
            algorithm,iteration,worker,decision,bytes,compute_ns,requested
            A,0,0,upload,4,5,false
            A,0,1,upload,4,5,false
            A,1,0,upload,4,5,false
            A,1,1,upload,4,5,false
            B,0,0,upload,4,5,false
            B,1,0,upload,4,5,false

            """);

        AssertProblem(path, "line 7: 'B' iteration 0 has 1 of the run's 2 workers (0 to 1)", labels: null);
    }

    [Test]
    public void Read_InterleavedMethods_EachInOrder_IsAccepted()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("decisions.csv", """
            algorithm,iteration,worker,decision,bytes,compute_ns,requested
            A,0,0,upload,4,5,false
            B,0,0,skip,0,5,false
            A,0,1,upload,4,5,false
            B,0,1,not-requested,0,0,false
            A,1,0,upload,4,5,false
            B,1,0,upload,4,5,true
            A,1,1,upload,4,5,false
            B,1,1,upload,4,5,true

            """);

        Assert.That(Sasg.Experiments.Replay.DecisionsCsv.Read(path), Has.Count.EqualTo(8));
    }

    private static void AssertProblem(string path, string expected, string[]? labels = null)
    {
        Assert.That(
            () => Sasg.Experiments.Replay.DecisionsCsv.Read(path, labels),
            Throws.TypeOf<InvalidDataException>().With.Message.StartsWith(path + ": ")
                .And.Message.Contains(expected)
                .And.Message.Not.Contains('\n')
                .And.Message.EndsWith("restore the file from the run, or run the scenario again to write it."));
    }
}
