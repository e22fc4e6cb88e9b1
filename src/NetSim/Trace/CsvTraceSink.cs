using System.Globalization;

namespace Sasg.NetSim.Trace;

/// <summary>
/// Writes records as CSV with the stable columns <c>start_ns,end_ns,node,kind,round,bytes</c>, invariant culture;
/// node is "server" or the worker index. An optional leading column (for example the method that produced the
/// records) lets several simulations share one file.
/// </summary>
public sealed class CsvTraceSink : ITraceSink, IDisposable
{
    /// <summary>The header line.</summary>
    public const string Header = "start_ns,end_ns,node,kind,round,bytes";

    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly bool _leadingColumn;
    private string _leadingValue = "";
    private string _leadingField = "";

    /// <summary>Writes to <paramref name="writer"/>, starting with the header.</summary>
    /// <param name="writer">The destination; newlines are written as "\n".</param>
    /// <param name="ownsWriter">Whether disposing the sink disposes the writer.</param>
    public CsvTraceSink(TextWriter writer, bool ownsWriter = false)
        : this(writer, ownsWriter, leadingColumn: null)
    {
    }

    /// <summary>Writes to <paramref name="writer"/>, starting with the header, with a first column named
    /// <paramref name="leadingColumn"/> whose value is <see cref="LeadingValue"/> at the time of each record.</summary>
    /// <param name="writer">The destination; newlines are written as "\n".</param>
    /// <param name="ownsWriter">Whether disposing the sink disposes the writer.</param>
    /// <param name="leadingColumn">The extra first column's name; null for none.</param>
    public CsvTraceSink(TextWriter writer, bool ownsWriter, string? leadingColumn)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _ownsWriter = ownsWriter;
        _leadingColumn = leadingColumn is not null;
        if (leadingColumn is not null)
        {
            _writer.Write(Quote(leadingColumn));
            _writer.Write(',');
        }

        _writer.Write(Header);
        _writer.Write('\n');
    }

    /// <summary>The value of the leading column for the records written from now on (quoted as CSV needs).</summary>
    public string LeadingValue
    {
        get => _leadingValue;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _leadingValue = value;
            _leadingField = Quote(value);
        }
    }

    /// <inheritdoc/>
    public void Write(in TraceRecord record)
    {
        if (record.Kind == TraceKind.Rate)
        {
            // Rate changes are counters of trace.json; the CSV's columns hold spans and instants.
            return;
        }

        var invariant = CultureInfo.InvariantCulture;
        if (_leadingColumn)
        {
            _writer.Write(_leadingField);
            _writer.Write(',');
        }

        _writer.Write(record.Start.Nanoseconds.ToString(invariant));
        _writer.Write(',');
        _writer.Write(record.End.Nanoseconds.ToString(invariant));
        _writer.Write(',');
        _writer.Write(record.Node == TraceRecord.ServerNode ? "server" : record.Node.ToString(invariant));
        _writer.Write(',');
        _writer.Write(KindName(record.Kind));
        _writer.Write(',');
        _writer.Write(record.Round.ToString(invariant));
        _writer.Write(',');
        _writer.Write(record.Bytes.ToString(invariant));
        _writer.Write('\n');
    }

    /// <summary>Flushes, and disposes the writer if the sink owns it.</summary>
    public void Dispose()
    {
        _writer.Flush();
        if (_ownsWriter)
        {
            _writer.Dispose();
        }
    }

    /// <summary>The lower-case name written for <paramref name="kind"/> (for example "queue_wait").</summary>
    public static string KindName(TraceKind kind) => kind switch
    {
        TraceKind.Broadcast => "broadcast",
        TraceKind.Request => "request",
        TraceKind.Compute => "compute",
        TraceKind.Upload => "upload",
        TraceKind.QueueWait => "queue_wait",
        TraceKind.Receive => "receive",
        TraceKind.Skip => "skip",
        TraceKind.Aggregate => "aggregate",
        TraceKind.Round => "round",
        TraceKind.Offline => "offline",
        TraceKind.Update => "update",
        TraceKind.Rate => "rate",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown trace kind."),
    };

    // A field in quotes (quotes doubled) when it holds a comma, a quote or a line break.
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
