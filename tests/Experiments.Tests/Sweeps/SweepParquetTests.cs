using System.Globalization;
using Newtonsoft.Json.Linq;
using Parquet.Serialization;
using Sasg.Experiments.Results;
using Sasg.Experiments.Scenarios;
using Sasg.Experiments.Sweeps;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Sweeps;

public sealed class SweepParquetTests
{
    private const string Csv =
        "cell_id,network.uplink,data.workers,algorithm,iterations,simulated_seconds,final_test_accuracy,stop_reason,iteration_to_target,seconds_to_target\n"
        + "a1,10Mbps,3,GD,60,0.125,NaN,iterations,,\n"
        + "b2,\"1Gbps, fast\",4,LAG-WK,12,1E-05,0.5,target,12,0.0625\n";

    [Test]
    public void Write_GivesTheCsvsRowsAndColumns_Typed()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "sweep.parquet");
        var axes = new[]
        {
            new ScenarioSweepAxis("network.uplink", [new JValue("10Mbps"), new JValue("1Gbps, fast")]),
            new ScenarioSweepAxis("data.workers", [new JValue(3), new JValue(4)]),
        };

        SweepParquet.Write(path, Csv, axes);

        using var stream = File.OpenRead(path);
        var table = ParquetSerializer.DeserializeUntypedAsync(stream).GetAwaiter().GetResult();
        var header = SweepCsv.Split(Csv.Split('\n')[0]);
        var rows = table.Data.Select(row => header.Select(column => Text(row.TryGetValue(column, out var value) ? value : null)).ToList()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(table.Schema.GetDataFields().Select(f => f.Name), Is.EqualTo(header));
            Assert.That(
                header.Select(column => table.Data[1][column].GetType()),
                Is.EqualTo(new[] { typeof(string), typeof(string), typeof(long), typeof(string), typeof(long), typeof(double), typeof(double), typeof(string), typeof(long), typeof(double) }));
            Assert.That(rows, Is.EqualTo(Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(SweepCsv.Split)));
        }
    }

    [Test]
    public void Write_AnEmptyToTargetField_IsNull()
    {
        using var folder = new TemporaryDirectory();
        var path = Path.Combine(folder.Path, "sweep.parquet");

        SweepParquet.Write(path, Csv, [new ScenarioSweepAxis("network.uplink", [new JValue("a")]), new ScenarioSweepAxis("data.workers", [new JValue(3)])]);

        using var stream = File.OpenRead(path);
        var first = ParquetSerializer.DeserializeUntypedAsync(stream).GetAwaiter().GetResult().Data[0];
        // A null field is left out of a row of the untyped reader.
        Assert.That(first.Keys, Does.Contain("iterations").And.Not.Contain("iteration_to_target").And.Not.Contain("seconds_to_target"));
    }

    // A value as sweep.csv writes it: round-trip doubles, whole numbers, empty for null.
    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        double d => CsvTables.Number(d),
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => (string)value,
    };
}
