using System.Globalization;
using Sasg.NetSim.Trace;

namespace Sasg.Experiments.Results;

/// <summary>A run's two trace files: trace.csv (the columns of docs/netsim.md after an <c>algorithm</c> column) and
/// trace.json (Chrome/Perfetto trace events, one process per method: open it in ui.perfetto.dev or chrome://tracing).</summary>
/// <remarks>
/// Methods may be simulated at the same time, so each writes its own part (<see cref="Begin"/>); <see cref="Complete"/>
/// joins the parts in the order they were begun, then renames the joined files into place. A run that fails leaves
/// neither a partial trace nor an old one mislabelled as new.
/// </remarks>
public sealed class RunTraces : IDisposable
{
    /// <summary>The CSV trace's file name.</summary>
    public const string CsvName = "trace.csv";

    /// <summary>The Chrome trace's file name.</summary>
    public const string JsonName = "trace.json";

    /// <summary>The name of the CSV trace's first column.</summary>
    public const string MethodColumn = "algorithm";

    private readonly string _directory;
    private readonly string _suffix;
    private readonly List<Part> _parts = [];
    private readonly Lock _lock = new();
    private bool _closed;

    private RunTraces(string directory, string suffix)
    {
        _directory = directory;
        _suffix = suffix;
    }

    /// <summary>Prepares the traces of a run in <paramref name="directory"/> (created if missing).</summary>
    public static RunTraces Open(string directory)
    {
        Directory.CreateDirectory(directory);
        return new RunTraces(directory, ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Whether <see cref="Complete"/> or <see cref="Dispose"/> ran (no part can be begun).</summary>
    public bool IsClosed
    {
        get
        {
            lock (_lock)
            {
                return _closed;
            }
        }
    }

    /// <summary>A sink for the records of method <paramref name="label"/>; the methods appear in the joined files in
    /// the order of these calls.</summary>
    public ITraceSink Begin(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            var index = _parts.Count;
            var stem = Path.Combine(_directory, $"trace.part{index.ToString(CultureInfo.InvariantCulture)}");
            var part = new Part(stem + ".csv" + _suffix, stem + ".json" + _suffix, index + 1, label);
            _parts.Add(part);
            return part;
        }
    }

    /// <summary>Closes every part, joins them into trace.csv and trace.json and moves those into place.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _closed = true;
            try
            {
                CloseParts();
                AtomicFile.Write(Path.Combine(_directory, CsvName), JoinCsv);
                AtomicFile.Write(Path.Combine(_directory, JsonName), JoinJson);
            }
            finally
            {
                // Also when joining fails (a full disk): the parts are never left behind.
                DeleteParts();
            }
        }
    }

    /// <summary>Closes and deletes the parts; unless <see cref="Complete"/> ran, no trace file is written.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            try
            {
                CloseParts();
            }
            catch (IOException)
            {
                // A part that cannot be flushed (a full disk) is being deleted: nothing of it was to be kept.
            }
            finally
            {
                DeleteParts();
            }
        }
    }

    // Closes every part even when one cannot be flushed (a full disk); the first such error is rethrown.
    private void CloseParts()
    {
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? first = null;
        foreach (var part in _parts)
        {
            try
            {
                part.Dispose();
            }
            catch (IOException ex)
            {
                first ??= System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
            }
        }

        first?.Throw();
    }

    private void DeleteParts()
    {
        foreach (var part in _parts)
        {
            File.Delete(part.CsvPath);
            File.Delete(part.JsonPath);
        }
    }

    // The header once, then every part's rows.
    private void JoinCsv(Stream output)
    {
        using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        writer.Write(MethodColumn + "," + CsvTraceSink.Header + "\n");
        foreach (var part in _parts)
        {
            using var reader = new StreamReader(part.CsvPath);
            reader.ReadLine();
            while (reader.ReadLine() is { } line)
            {
                writer.Write(line);
                writer.Write('\n');
            }
        }
    }

    // One trace-event array holding every part's events: each part is a whole document whose first and last bytes are
    // the same wrapper, so its body is copied between them.
    private void JoinJson(Stream output)
    {
        var prefix = System.Text.Encoding.UTF8.GetBytes(ChromeTraceSink.DocumentStart);
        var suffix = System.Text.Encoding.UTF8.GetBytes(ChromeTraceSink.DocumentEnd);
        output.Write(prefix);
        var first = true;
        foreach (var part in _parts)
        {
            using var input = new FileStream(part.JsonPath, FileMode.Open, FileAccess.Read);
            var body = input.Length - prefix.Length - suffix.Length;
            if (body < 0 || !StartsAndEndsAsExpected(input, prefix, suffix))
            {
                throw new InvalidDataException($"{part.JsonPath}: not a trace document written by ChromeTraceSink.");
            }

            if (body == 0)
            {
                continue;
            }

            if (!first)
            {
                output.WriteByte((byte)',');
            }

            first = false;
            input.Position = prefix.Length;
            CopyBytes(input, output, body);
        }

        output.Write(suffix);
    }

    private static bool StartsAndEndsAsExpected(FileStream input, byte[] prefix, byte[] suffix)
    {
        var head = new byte[prefix.Length];
        var tail = new byte[suffix.Length];
        input.Position = 0;
        input.ReadExactly(head);
        input.Position = input.Length - suffix.Length;
        input.ReadExactly(tail);
        return head.AsSpan().SequenceEqual(prefix) && tail.AsSpan().SequenceEqual(suffix);
    }

    private static void CopyBytes(Stream input, Stream output, long count)
    {
        var buffer = new byte[81920];
        while (count > 0)
        {
            var read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0)
            {
                throw new EndOfStreamException("A trace part ended early.");
            }

            output.Write(buffer, 0, read);
            count -= read;
        }
    }

    private sealed class Part : ITraceSink, IDisposable
    {
        private const int BufferSize = 1 << 16;
        private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _csvFile;
        private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _jsonFile;
        private readonly CsvTraceSink _csv;
        private readonly ChromeTraceSink _chrome;
        private bool _disposed;

        public Part(string csvPath, string jsonPath, int processId, string label)
        {
            CsvPath = csvPath;
            JsonPath = jsonPath;
            // The handles are held here so that they are closed even when a sink cannot flush (a full disk): a deleted
            // file whose handle stays open keeps its space.
            _csvFile = File.OpenHandle(csvPath, FileMode.Create, FileAccess.Write);
            _jsonFile = File.OpenHandle(jsonPath, FileMode.Create, FileAccess.Write);
            var csv = new StreamWriter(new FileStream(_csvFile, FileAccess.Write, BufferSize));
            _csv = new CsvTraceSink(csv, ownsWriter: true, leadingColumn: MethodColumn) { LeadingValue = label };
            _chrome = new ChromeTraceSink(new FileStream(_jsonFile, FileAccess.Write, BufferSize), ownsStream: true);
            _chrome.BeginProcess(processId, label);
        }

        public string CsvPath { get; }

        public string JsonPath { get; }

        public void Write(in TraceRecord record)
        {
            _csv.Write(record);
            _chrome.Write(record);
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                _csv.Dispose();
            }
            finally
            {
                try
                {
                    _chrome.Dispose();
                }
                finally
                {
                    _csvFile.Dispose();
                    _jsonFile.Dispose();
                }
            }
        }
    }
}
