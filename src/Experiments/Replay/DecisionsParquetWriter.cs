using Parquet;
using Sasg.Experiments.Driver;

namespace Sasg.Experiments.Replay;

/// <summary>Writes decisions.parquet as rows arrive: a row group is written each time <see cref="RowGroupRows"/> rows
/// are held, so memory stays bounded however long the run (<see cref="DecisionsParquet"/> gives the columns).</summary>
/// <remarks>Rows must come in the order replay checks (each method's iterations in order, workers 0 to M - 1 in each;
/// methods may interleave). <see cref="Dispose"/> writes the last rows and the file's footer.</remarks>
public sealed class DecisionsParquetWriter : IDisposable
{
    /// <summary>The rows in one row group (about 5 MB held while it fills).</summary>
    public const int RowGroupRows = 1 << 17;

    private readonly ParquetWriter _writer;
    private readonly string[] _algorithm;
    private readonly int[] _iteration;
    private readonly int[] _worker;
    private readonly string[] _decision;
    private readonly long[] _bytes;
    private readonly long[] _compute;
    private readonly bool[] _requested;
    private int _held;

    /// <summary>A writer into <paramref name="stream"/>.</summary>
    /// <param name="stream">Where the file goes.</param>
    /// <param name="scenarioJson">The text of the run's scenario.json, whose hash the file records so that replay can
    /// tell a decisions.parquet of another run; null when the run has no scenario.json.</param>
    /// <param name="rowGroupRows">The rows in one row group.</param>
    public DecisionsParquetWriter(Stream stream, string? scenarioJson, int rowGroupRows = RowGroupRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupRows, 1);
        _writer = ParquetWriter.CreateAsync(DecisionsParquet.Schema, stream).GetAwaiter().GetResult();
        var metadata = new Dictionary<string, string> { [DecisionsParquet.FormatKey] = DecisionsParquet.FormatVersion };
        if (scenarioJson is not null)
        {
            metadata[DecisionsParquet.ScenarioKey] = DecisionsParquet.Hash(scenarioJson);
        }

        _writer.CustomMetadata = metadata;

        (_algorithm, _iteration, _worker, _decision) = (new string[rowGroupRows], new int[rowGroupRows], new int[rowGroupRows], new string[rowGroupRows]);
        (_bytes, _compute, _requested) = (new long[rowGroupRows], new long[rowGroupRows], new bool[rowGroupRows]);
    }

    /// <summary>The rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Adds one row (written with its row group).</summary>
    public void Add(DecisionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        (_algorithm[_held], _iteration[_held], _worker[_held], _decision[_held]) = (row.Algorithm, row.Iteration, row.Worker, row.Decision);
        (_bytes[_held], _compute[_held], _requested[_held]) = (row.Bytes, row.ComputeNanoseconds, row.Requested);
        _held++;
        Rows++;
        if (_held == _algorithm.Length)
        {
            Flush();
        }
    }

    /// <summary>Writes the rows held and the footer.</summary>
    public void Dispose()
    {
        Flush();
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private void Flush()
    {
        if (_held == 0)
        {
            return;
        }

        var fields = DecisionsParquet.Schema.DataFields;
        using (var group = _writer.CreateRowGroup())
        {
            group.WriteAsync(fields[0], new ArraySegment<string>(_algorithm, 0, _held)).GetAwaiter().GetResult();
            group.WriteAsync<int>(fields[1], _iteration.AsMemory(0, _held)).GetAwaiter().GetResult();
            group.WriteAsync<int>(fields[2], _worker.AsMemory(0, _held)).GetAwaiter().GetResult();
            group.WriteAsync(fields[3], new ArraySegment<string>(_decision, 0, _held)).GetAwaiter().GetResult();
            group.WriteAsync<long>(fields[4], _bytes.AsMemory(0, _held)).GetAwaiter().GetResult();
            group.WriteAsync<long>(fields[5], _compute.AsMemory(0, _held)).GetAwaiter().GetResult();
            group.WriteAsync<bool>(fields[6], _requested.AsMemory(0, _held)).GetAwaiter().GetResult();
        }

        _held = 0;
    }
}
