using System.Globalization;

namespace Sasg.NetSim.Trace;

/// <summary>
/// Writes records as CSV with the stable columns <c>start_ns,end_ns,node,kind,round,bytes</c>, invariant culture;
/// node is "server" or the worker index.
/// </summary>
public sealed class CsvTraceSink : ITraceSink, IDisposable
{
    /// <summary>The header line.</summary>
    public const string Header = "start_ns,end_ns,node,kind,round,bytes";

    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;

    /// <summary>Writes to <paramref name="writer"/>, starting with the header.</summary>
    /// <param name="writer">The destination; newlines are written as "\n".</param>
    /// <param name="ownsWriter">Whether disposing the sink disposes the writer.</param>
    public CsvTraceSink(TextWriter writer, bool ownsWriter = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _ownsWriter = ownsWriter;
        _writer.Write(Header);
        _writer.Write('\n');
    }

    /// <inheritdoc/>
    public void Write(in TraceRecord record)
    {
        var invariant = CultureInfo.InvariantCulture;
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
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown trace kind."),
    };
}
