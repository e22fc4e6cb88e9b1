namespace Sasg.Experiments.Replay;

/// <summary>Reads a text file line by line into one reused buffer, handing each line over as a span: no string per
/// line. Lines end at '\n'; a '\r' before it is dropped.</summary>
internal sealed class SpanLineReader(TextReader reader) : IDisposable
{
    private char[] _buffer = new char[1 << 16];
    private int _start;
    private int _end;
    private bool _done;

    /// <summary>The number of lines read so far.</summary>
    public int Number { get; private set; }

    /// <summary>The next line (valid until the next call), or false at the end of the file.</summary>
    public bool TryRead(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf('\n');
            if (newline >= 0)
            {
                line = Trim(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                Number++;
                return true;
            }

            if (_done)
            {
                line = Trim(_buffer.AsSpan(_start, _end - _start));
                var any = _end > _start;
                _start = _end;
                Number += any ? 1 : 0;
                return any;
            }

            Fill();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => reader.Dispose();

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> line) => line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;

    // Moves the unread part to the front (growing the buffer when one line fills it) and reads more after it.
    private void Fill()
    {
        var unread = _end - _start;
        if (unread == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else
        {
            Array.Copy(_buffer, _start, _buffer, 0, unread);
        }

        (_start, _end) = (0, unread);
        var read = reader.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _done = read == 0;
    }
}
