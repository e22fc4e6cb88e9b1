using System.Collections;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Sasg.Experiments.Replay;

namespace Sasg.Experiments.Driver;

/// <summary>One method's decisions in the order they were recorded, packed in 26 bytes each: all in memory, or, with
/// a spool file, in that file with only the last block of <see cref="BlockRecords"/> in memory, so that a long run
/// with many workers does not grow the process by its decisions (issue 16, point 5).</summary>
/// <remarks>
/// One thread appends while others may read what was recorded (a checkpoint, a failed run): every access takes the
/// store's lock, a reader copies a block at a time, and a block written to the spool never changes again. The rows
/// read back are new <see cref="DecisionRow"/> objects with the method's label and the decision words of the files.
/// </remarks>
internal sealed class DecisionStore : IDisposable
{
    /// <summary>Decisions per block: in memory a block is the unit of growth; with a spool, the unit of writing.</summary>
    internal const int BlockRecords = 1 << 16;

    private readonly Lock _lock = new();
    private readonly List<Packed[]> _blocks = [];
    private readonly string? _spoolPath;
    private readonly FileStream? _spool;
    private Packed[] _tail = new Packed[BlockRecords];
    private long _spooled;
    private long _count;
    private bool _disposed;

    /// <summary>A store for the decisions of the method <paramref name="label"/>, in memory, or in
    /// <paramref name="spoolPath"/> when one is given (created or truncated; deleted when the store is disposed).</summary>
    public DecisionStore(string label, string? spoolPath = null)
    {
        Label = label;
        if (spoolPath is not null)
        {
            _spoolPath = spoolPath;
            _spool = new FileStream(
                spoolPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, bufferSize: 0, FileOptions.RandomAccess);
        }
    }

    /// <summary>The method's label, the <see cref="DecisionRow.Algorithm"/> of every row.</summary>
    public string Label { get; }

    /// <summary>Decisions recorded so far.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Appends <paramref name="row"/>, whose algorithm must be this store's method.</summary>
    /// <exception cref="ArgumentException">The row is another method's, or its decision is not a decision word.</exception>
    /// <exception cref="IOException">The spool could not be written (a full disk); the row is not recorded.</exception>
    public void Add(DecisionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!string.Equals(row.Algorithm, Label, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The decision is {row.Algorithm}'s, not {Label}'s.", nameof(row));
        }

        var kind = DecisionKinds.Parse(row.Decision)
            ?? throw new ArgumentException($"'{row.Decision}' is not a decision (upload, skip, not-requested or not-sampled).", nameof(row));
        Add(row.Iteration, row.Worker, kind, row.Bytes, row.ComputeNanoseconds, row.Requested);
    }

    /// <summary>Appends this method's decision given by its fields, with no row object (the training loop's path: one
    /// decision per worker and iteration).</summary>
    /// <exception cref="IOException">The spool could not be written (a full disk); the decision is not recorded.</exception>
    public void Add(int iteration, int worker, DecisionKind kind, long bytes, long computeNanoseconds, bool requested)
    {
        var packed = new Packed(iteration, worker, bytes, computeNanoseconds, (byte)kind, requested ? (byte)1 : (byte)0);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var inTail = (int)(_count - _spooled - (_spool is null ? (long)_blocks.Count * BlockRecords : 0));
            if (inTail == BlockRecords)
            {
                if (_spool is null)
                {
                    _blocks.Add(_tail);
                    _tail = new Packed[BlockRecords];
                }
                else
                {
                    // Written at its place whatever a failed earlier write left; the count moves only once it is whole.
                    RandomAccess.Write(_spool.SafeFileHandle, MemoryMarshal.AsBytes(_tail.AsSpan()), _spooled * Packed.Size);
                    _spooled += BlockRecords;
                }

                inTail = 0;
            }

            _tail[inTail] = packed;
            _count++;
        }
    }

    /// <summary>The first <paramref name="count"/> decisions, read when enumerated (at most <see cref="Count"/>).</summary>
    public IReadOnlyList<DecisionRow> Prefix(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, int.MaxValue);
        return new View(this, (int)count);
    }

    /// <summary>Every decision recorded so far.</summary>
    public IReadOnlyList<DecisionRow> All() => Prefix(Count);

    /// <summary>The number of leading decisions whose iteration is below <paramref name="iterations"/> (the decisions of
    /// completed iterations, when another thread may be recording the next one).</summary>
    public long CountBefore(int iterations)
    {
        lock (_lock)
        {
            // Decisions are recorded in iteration order, so the ones of later iterations are at the end: look back from it.
            var n = _count;
            var buffer = new Packed[1];
            while (n > 0)
            {
                Copy(n - 1, buffer);
                if (buffer[0].Iteration < iterations)
                {
                    break;
                }

                n--;
            }

            return n;
        }
    }

    /// <summary>Closes and deletes the spool (the rows read from it afterwards are gone).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _spool?.Dispose();
            if (_spoolPath is not null)
            {
                File.Delete(_spoolPath);
            }

            _blocks.Clear();
        }
    }

    // Copies the decisions from `start` into `destination` (it must fit in what was recorded).
    private void Copy(long start, Span<Packed> destination)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            while (!destination.IsEmpty)
            {
                int taken;
                if (_spool is not null && start < _spooled)
                {
                    taken = (int)Math.Min(destination.Length, _spooled - start);
                    ReadSpool(_spool.SafeFileHandle, start, destination[..taken]);
                }
                else
                {
                    var block = (int)((start - _spooled) / BlockRecords);
                    var offset = (int)((start - _spooled) % BlockRecords);
                    var source = block < _blocks.Count ? _blocks[block] : _tail;
                    taken = Math.Min(destination.Length, BlockRecords - offset);
                    source.AsSpan(offset, taken).CopyTo(destination);
                }

                destination = destination[taken..];
                start += taken;
            }
        }
    }

    private static void ReadSpool(SafeFileHandle handle, long start, Span<Packed> destination)
    {
        var bytes = MemoryMarshal.AsBytes(destination);
        var offset = start * Packed.Size;
        while (!bytes.IsEmpty)
        {
            var read = RandomAccess.Read(handle, bytes, offset);
            if (read == 0)
            {
                throw new IOException("The decision spool ended early: it was changed or truncated outside the run.");
            }

            bytes = bytes[read..];
            offset += read;
        }
    }

    private static DecisionRow Unpack(string label, in Packed p) => new(
        label, p.Iteration, p.Worker, DecisionKinds.Name((DecisionKind)p.Kind), p.Bytes, p.ComputeNanoseconds, p.Requested != 0);

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private readonly record struct Packed(int Iteration, int Worker, long Bytes, long ComputeNanoseconds, byte Kind, byte Requested)
    {
        public const int Size = 26;
    }

    // The first `count` decisions of a store; enumerating reads them a block at a time.
    private sealed class View(DecisionStore store, int count) : IReadOnlyList<DecisionRow>
    {
        public int Count => count;

        public DecisionRow this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
                var one = new Packed[1];
                store.Copy(index, one);
                return Unpack(store.Label, one[0]);
            }
        }

        public IEnumerator<DecisionRow> GetEnumerator()
        {
            var buffer = new Packed[Math.Min(count, BlockRecords)];
            for (var start = 0; start < count; start += buffer.Length)
            {
                var n = Math.Min(buffer.Length, count - start);
                store.Copy(start, buffer.AsSpan(0, n));
                for (var i = 0; i < n; i++)
                {
                    yield return Unpack(store.Label, buffer[i]);
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
