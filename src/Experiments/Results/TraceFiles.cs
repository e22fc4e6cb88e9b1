using Sasg.NetSim.Trace;

namespace Sasg.Experiments.Results;

/// <summary>Opens a method's trace files in a results folder: trace-&lt;label&gt;.csv (columns in docs/netsim.md)
/// and trace-&lt;label&gt;.json (Chrome/Perfetto trace events: open it in ui.perfetto.dev or chrome://tracing).</summary>
public sealed class TraceFiles : ITraceSink, IDisposable
{
    private readonly CsvTraceSink _csv;
    private readonly ChromeTraceSink _chrome;

    private TraceFiles(CsvTraceSink csv, ChromeTraceSink chrome)
    {
        _csv = csv;
        _chrome = chrome;
    }

    /// <summary>The two files for method <paramref name="label"/> in <paramref name="directory"/>.</summary>
    public static TraceFiles Open(string directory, string label)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, "trace-" + SafeName(label));
        var csv = new CsvTraceSink(new StreamWriter(stem + ".csv"), ownsWriter: true);
        var chrome = new ChromeTraceSink(new FileStream(stem + ".json", FileMode.Create, FileAccess.Write), ownsStream: true);
        return new TraceFiles(csv, chrome);
    }

    /// <summary><paramref name="label"/> with every character but letters, digits, '-' and '_' replaced by '_'.</summary>
    public static string SafeName(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return string.Concat(label.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
    }

    /// <inheritdoc/>
    public void Write(in TraceRecord record)
    {
        _csv.Write(record);
        _chrome.Write(record);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _csv.Dispose();
        _chrome.Dispose();
    }
}
