using System.Globalization;
using Sasg.NetSim.Trace;

namespace Sasg.Experiments.Results;

/// <summary>A run's two trace files: trace.csv (the columns of docs/netsim.md after an <c>algorithm</c> column) and
/// trace.json (Chrome/Perfetto trace events, one process per method: open it in ui.perfetto.dev or chrome://tracing).</summary>
/// <remarks>
/// The methods of a run are simulated one after another, so one pair of writers serves them all: <see cref="Begin"/>
/// switches the method the next records belong to. Both files are written under temporary names and renamed into
/// place by <see cref="Complete"/>; a run that fails leaves neither a partial trace nor an old one mislabelled as new.
/// </remarks>
public sealed class RunTraces : ITraceSink, IDisposable
{
    /// <summary>The CSV trace's file name.</summary>
    public const string CsvName = "trace.csv";

    /// <summary>The Chrome trace's file name.</summary>
    public const string JsonName = "trace.json";

    /// <summary>The name of the CSV trace's first column.</summary>
    public const string MethodColumn = "algorithm";

    private readonly string _directory;
    private readonly string _suffix;
    private readonly CsvTraceSink _csv;
    private readonly ChromeTraceSink _chrome;
    private int _methods;
    private bool _closed;

    private RunTraces(string directory, string suffix, CsvTraceSink csv, ChromeTraceSink chrome)
    {
        _directory = directory;
        _suffix = suffix;
        _csv = csv;
        _chrome = chrome;
    }

    /// <summary>Starts both files in <paramref name="directory"/> (created if missing).</summary>
    public static RunTraces Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var suffix = ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var csv = new CsvTraceSink(
            new StreamWriter(Path.Combine(directory, CsvName + suffix)), ownsWriter: true, leadingColumn: MethodColumn);
        var chrome = new ChromeTraceSink(
            new FileStream(Path.Combine(directory, JsonName + suffix), FileMode.Create, FileAccess.Write), ownsStream: true);
        return new RunTraces(directory, suffix, csv, chrome);
    }

    /// <summary>Makes the records from now on belong to method <paramref name="label"/>; returns this sink.</summary>
    public ITraceSink Begin(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        ObjectDisposedException.ThrowIf(_closed, this);
        _methods++;
        _csv.LeadingValue = label;
        _chrome.BeginProcess(_methods, label);
        return this;
    }

    /// <inheritdoc/>
    public void Write(in TraceRecord record)
    {
        _csv.Write(record);
        _chrome.Write(record);
    }

    /// <summary>Closes both files and moves them into place as trace.csv and trace.json.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        Close();
        foreach (var name in new[] { CsvName, JsonName })
        {
            File.Move(Path.Combine(_directory, name + _suffix), Path.Combine(_directory, name), overwrite: true);
        }
    }

    /// <summary>Closes the files; unless <see cref="Complete"/> ran, deletes them.</summary>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        Close();
        foreach (var name in new[] { CsvName, JsonName })
        {
            File.Delete(Path.Combine(_directory, name + _suffix));
        }
    }

    private void Close()
    {
        _closed = true;
        _csv.Dispose();
        _chrome.Dispose();
    }
}
