using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Results.Plots;

namespace Sasg.Experiments.Tests.Results.Plots;

public sealed class MetricsCsvTests
{
    [Test]
    public void Read_RoundTripsCsvTablesMetrics_IncludingNaNInfinityAndQuotedLabels()
    {
        MetricsRow[] rows =
        [
            new("SGD", 0, 0, 0, 0, 0, 2.5, double.NaN, double.NaN, double.NaN),
            new("top-k \"EF\", k=10", 7, 28, 1234567890123, 9876543210, 0.1 + 0.2, 1.0 / 3, 1e-300, 0.875, 4.9e-324),
            new("SASG", 8, 29, 1, 2, 1e6, double.PositiveInfinity, double.NegativeInfinity, 1, double.Epsilon),
        ];
        var csv = CsvTables.Metrics(rows);

        var read = MetricsCsv.Read(new StringReader(csv), "metrics.csv");

        Assert.That(read, Is.EqualTo(rows));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Read_RoundTripsTheCarriedBytesOfARunOffTheStar(bool top5)
    {
        MetricsRow[] rows =
        [
            new MetricsRow("SGD", 0, 0, 0, 0, 0, 2.5, double.NaN, double.NaN, double.NaN, TestTop5Accuracy: top5 ? 0.5 : double.NaN) { CarriedBytes = 0 },
            new MetricsRow("SGD", 5, 20, 800, 6400, 0.25, 1.5, double.NaN, 0.75, double.NaN, 20, TestTop5Accuracy: top5 ? 0.5 : double.NaN) { CarriedBytes = 2400 },
        ];
        var csv = CsvTables.Metrics(rows, top5, carried: true);

        var read = MetricsCsv.Read(new StringReader(csv), "metrics.csv");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(csv.Split('\n')[0], Does.EndWith(",carried_bytes"));
            Assert.That(read, Is.EqualTo(rows));
        }
    }

    [Test]
    public void Read_AFile_ReadsEveryRow()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, CsvTables.Metrics([new MetricsRow("GD", 1, 9, 3600, 14400, 0.000152, 203.4, double.NaN, double.NaN, 199.0)]));

            var read = MetricsCsv.Read(path);

            Assert.That(read.Single().ObjectiveError, Is.EqualTo(199.0));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Read_WithAnotherHeader_ThrowsNamingLineOne()
    {
        var text = "algorithm,iteration,worker,decision,bytes,compute_ns,requested\n";

        Assert.That(
            () => MetricsCsv.Read(new StringReader(text), "x/metrics.csv"),
            Throws.TypeOf<InvalidDataException>().With.Message.StartsWith("x/metrics.csv: line 1: expected the header"));
    }

    [TestCase("GD,1,9,3600,14400,0.1,2,NaN,NaN", TestName = "Read_WithTooFewFields_ThrowsNamingTheLine")]
    [TestCase("GD,one,9,3600,14400,0.1,2,NaN,NaN,NaN,9,0,0,0,0", TestName = "Read_WithAWordForAWholeNumber_ThrowsNamingTheLine")]
    [TestCase("GD,1,9,3600,14400,0,1,2,NaN,NaN,NaN,9,0,0,0,0", TestName = "Read_WithADecimalComma_ThrowsNamingTheLine")]
    [TestCase("\"GD,1,9,3600,14400,0.1,2,NaN,NaN,NaN,9,0,0,0,0", TestName = "Read_WithAnUnclosedQuote_ThrowsNamingTheLine")]
    public void Read_WithABadRow_ThrowsNamingTheLine(string row)
    {
        var text = MetricsCsv.Header + "\nGD,0,0,0,0,0,3,NaN,NaN,NaN,0,0,0,0,0\n" + row + "\n";

        Assert.That(
            () => MetricsCsv.Read(new StringReader(text), "metrics.csv"),
            Throws.TypeOf<InvalidDataException>().With.Message.StartsWith("metrics.csv: line 3: not a metrics row"));
    }

    [TestCase("GD,-1,9,3600,14400,0.1,2,NaN,NaN,NaN,9,0,0,0,0", "column 'iteration': -1 is negative")]
    [TestCase("GD,1,9,-3600,14400,0.1,2,NaN,NaN,NaN,9,0,0,0,0", "column 'upload_bytes': -3600 is negative")]
    [TestCase("GD,1,9,3600,14400,NaN,2,NaN,NaN,NaN,9,0,0,0,0", "column 'simulated_seconds': NaN is not a time")]
    [TestCase("GD,1,9,3600,14400,-0.5,2,NaN,NaN,NaN,9,0,0,0,0", "column 'simulated_seconds': -0.5 is not a time")]
    public void Read_WithAnImpossibleValue_NamesTheLineAndColumn(string row, string expected)
    {
        var text = MetricsCsv.Header + "\nGD,0,0,0,0,0,3,NaN,NaN,NaN,0,0,0,0,0\n" + row + "\n";

        Assert.That(
            () => MetricsCsv.Read(new StringReader(text), "metrics.csv"),
            Throws.TypeOf<InvalidDataException>().With.Message.StartsWith("metrics.csv: line 3: " + expected));
    }
}
