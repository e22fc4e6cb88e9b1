using System.Globalization;
using System.Text.Json;

namespace Sasg.NetSim.Trace;

/// <summary>
/// Writes Chrome/Perfetto trace-event JSON (<c>{"traceEvents":[...]}</c>) that opens in chrome://tracing or
/// ui.perfetto.dev: one complete event (ph "X") per record, ts and dur in microseconds, one thread per node.
/// </summary>
/// <remarks>
/// pid is 1 unless <see cref="BeginProcess"/> starts a named process (one per simulation sharing the file); tid is 0
/// for the server and worker + 1 for a worker. Server-side spans about a worker (receive, queue
/// wait) sit on the server's thread and name the worker. The JSON is closed by <see cref="Dispose"/>; the events reach
/// the stream in blocks of about 64 KB as they are written.
/// </remarks>
public sealed class ChromeTraceSink : ITraceSink, IDisposable
{
    /// <summary>The exact bytes (UTF-8) a document starts with, before its first event.</summary>
    public const string DocumentStart = "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[";

    /// <summary>The exact bytes a document ends with, after its last event.</summary>
    public const string DocumentEnd = "]}";

    // Utf8JsonWriter keeps everything it wrote in memory until flushed: flush past this much, so a long run's trace
    // streams to the file instead of growing with every record.
    private const int FlushThreshold = 64 * 1024;

    private readonly Utf8JsonWriter _json;
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly HashSet<int> _namedThreads = [];
    private int _processId = 1;
    private bool _disposed;

    /// <summary>Writes to <paramref name="stream"/> as UTF-8.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="ownsStream">Whether disposing the sink disposes the stream.</param>
    public ChromeTraceSink(Stream stream, bool ownsStream = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _ownsStream = ownsStream;
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        _json.WriteStartObject();
        _json.WriteString("displayTimeUnit", "ns");
        _json.WriteStartArray("traceEvents");
    }

    /// <inheritdoc/>
    public void Write(in TraceRecord record)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (record.Kind == TraceKind.Rate)
        {
            WriteCounter(record);
            return;
        }

        var onServer = record.Node == TraceRecord.ServerNode
            || record.Kind is TraceKind.Receive or TraceKind.QueueWait;
        var tid = onServer ? 0 : record.Node + 1;
        NameThread(tid);

        var name = CsvTraceSink.KindName(record.Kind);
        if (onServer && record.Node != TraceRecord.ServerNode)
        {
            name += " w" + record.Node.ToString(CultureInfo.InvariantCulture);
        }

        _json.WriteStartObject();
        _json.WriteString("name", name);
        _json.WriteString("cat", CsvTraceSink.KindName(record.Kind));
        if (record.Kind == TraceKind.Update)
        {
            // An instant on the server's thread: the update's number and the largest staleness it applied.
            _json.WriteString("ph", "i");
            _json.WriteString("s", "t");
            _json.WriteNumber("ts", record.Start.Nanoseconds / 1000m);
            _json.WriteNumber("pid", _processId);
            _json.WriteNumber("tid", tid);
            _json.WriteStartObject("args");
            _json.WriteNumber("update", record.Round);
            _json.WriteNumber("staleness", record.Value);
            _json.WriteEndObject();
            _json.WriteEndObject();
            FlushIfFull();
            return;
        }

        _json.WriteString("ph", "X");
        _json.WriteNumber("ts", record.Start.Nanoseconds / 1000m);
        _json.WriteNumber("dur", record.Duration.Nanoseconds / 1000m);
        _json.WriteNumber("pid", _processId);
        _json.WriteNumber("tid", tid);
        _json.WriteStartObject("args");
        _json.WriteNumber("round", record.Round);
        _json.WriteNumber("bytes", record.Bytes);
        if (record.Aborted)
        {
            _json.WriteBoolean("aborted", true);
        }

        _json.WriteEndObject();
        _json.WriteEndObject();
        FlushIfFull();
    }

    /// <summary>Writes the records from now on under process <paramref name="processId"/>, named
    /// <paramref name="name"/> in the viewer (for example one process per method of a run).</summary>
    public void BeginProcess(int processId, string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(processId);
        _processId = processId;
        _namedThreads.Clear();
        WriteMetadata("process_name", tid: null, args => args.WriteString("name", name));
        WriteMetadata("process_sort_index", tid: null, args => args.WriteNumber("sort_index", processId));
    }

    /// <summary>Closes the JSON document and flushes; disposes the stream if the sink owns it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _json.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    // A counter event ("ph": "C"): one track per worker link, named "w<n> uplink" or "w<n> downlink", in bit/s.
    private void WriteCounter(in TraceRecord record)
    {
        var direction = record.Bytes == 0 ? " uplink" : " downlink";
        _json.WriteStartObject();
        _json.WriteString("name", "w" + record.Node.ToString(CultureInfo.InvariantCulture) + direction);
        _json.WriteString("cat", "rate");
        _json.WriteString("ph", "C");
        _json.WriteNumber("ts", record.Start.Nanoseconds / 1000m);
        _json.WriteNumber("pid", _processId);
        _json.WriteStartObject("args");
        _json.WriteNumber("bit/s", record.Value);
        _json.WriteEndObject();
        _json.WriteEndObject();
        FlushIfFull();
    }

    private void FlushIfFull()
    {
        if (_json.BytesPending > FlushThreshold)
        {
            _json.Flush();
        }
    }

    private void NameThread(int tid)
    {
        if (!_namedThreads.Add(tid))
        {
            return;
        }

        var name = tid == 0 ? "server" : "worker " + (tid - 1).ToString(CultureInfo.InvariantCulture);
        WriteMetadata("thread_name", tid, args => args.WriteString("name", name));
    }

    // A metadata event ("ph": "M") of the current process, or of one of its threads.
    private void WriteMetadata(string kind, int? tid, Action<Utf8JsonWriter> writeArgs)
    {
        _json.WriteStartObject();
        _json.WriteString("name", kind);
        _json.WriteString("ph", "M");
        _json.WriteNumber("pid", _processId);
        if (tid is { } thread)
        {
            _json.WriteNumber("tid", thread);
        }

        _json.WriteStartObject("args");
        writeArgs(_json);
        _json.WriteEndObject();
        _json.WriteEndObject();
    }
}
