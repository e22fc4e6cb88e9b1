using System.Numerics;
using Sasg.Learning.Encoding;
using Sasg.NetSim.Network;
using Sasg.NetSim.Topologies;

namespace Sasg.Experiments.Driver;

/// <summary>The sizes of the messages a topology makes out of a round's real uploads (issue 18): an aggregator's
/// merge (a dense sum, or the union of sparse entries) and a shard's slice of an upload, each encoded with the
/// method's own wire encoding, whose length is the size; and a shard's slice of the broadcast model.</summary>
/// <remarks>A dense payload's encoded length depends on its dimension only (every encoding that carries dense
/// payloads has a fixed layout: Learning.Tests' PayloadTopologyTests checks it), so the merge or slice of dense uploads
/// is not computed: its size is that of a dense payload of the same dimension, encoded once and kept. Sparse merges
/// and slices are built (<see cref="PayloadTopology"/>) and encoded every time.</remarks>
/// <typeparam name="T">The model's element type.</typeparam>
internal sealed class PayloadMessageSizes<T> : IMessageSizes
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IWireEncoding _encoding;
    private readonly int _dimension;
    private readonly long _modelBytes;
    private readonly Func<int, int, Payload<T>?> _upload;
    private readonly Dictionary<int, long> _denseLength = [];
    private readonly Dictionary<int, Payload<T>> _scratch = [];
    private readonly List<Payload<T>> _merging = [];
    private byte[] _buffer = [];

    /// <summary>Sizes for uploads of <paramref name="dimension"/> coordinates encoded by <paramref name="encoding"/>.</summary>
    /// <param name="encoding">The method's wire encoding.</param>
    /// <param name="dimension">D, the model's parameters.</param>
    /// <param name="modelBytes">The broadcast model's payload bytes (D times the element size).</param>
    /// <param name="upload">The payload worker w uploaded in round r, (r, w) → payload, or null when it did not
    /// upload in that round.</param>
    public PayloadMessageSizes(IWireEncoding encoding, int dimension, long modelBytes, Func<int, int, Payload<T>?> upload)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        _encoding = encoding;
        _dimension = dimension;
        _modelBytes = modelBytes;
        _upload = upload;
    }

    /// <inheritdoc/>
    public DataSize Merged(int round, ReadOnlySpan<int> uploaders)
    {
        _merging.Clear();
        var dense = false;
        foreach (var worker in uploaders)
        {
            var payload = _upload(round, worker)
                ?? throw new InvalidOperationException($"Worker {worker} did not upload in round {round}, but its upload was to be merged.");
            dense |= payload.Kind == PayloadKind.Dense;
            _merging.Add(payload);
        }

        if (_merging.Count == 0)
        {
            throw new ArgumentException("A merge of no uploads.", nameof(uploaders));
        }

        if (dense)
        {
            return DataSize.FromBytes(DenseLength(_dimension));
        }

        var merged = Scratch(_dimension);
        PayloadTopology.Merge(_merging, merged);
        return DataSize.FromBytes(_encoding.Encode(merged, ref _buffer));
    }

    /// <inheritdoc/>
    public DataSize Slice(int round, int worker, int shard, int shards)
    {
        if (_upload(round, worker) is not { } payload)
        {
            return DataSize.Zero;
        }

        var (start, end) = PayloadTopology.ShardRange(_dimension, shard, shards);
        if (end == start)
        {
            return DataSize.Zero;
        }

        if (payload.Kind == PayloadKind.Dense)
        {
            return DataSize.FromBytes(DenseLength(end - start));
        }

        var slice = Scratch(end - start);
        PayloadTopology.Slice(payload, start, slice);
        return slice.Count == 0 ? DataSize.Zero : DataSize.FromBytes(_encoding.Encode(slice, ref _buffer));
    }

    /// <inheritdoc/>
    public DataSize ModelSlice(int shard, int shards)
    {
        var (start, end) = PayloadTopology.ShardRange(_dimension, shard, shards);
        return DataSize.FromBytes(_modelBytes * (end - start) / _dimension);
    }

    // The encoded length of any dense payload of this dimension (the encoding's layout is fixed for dense payloads).
    private long DenseLength(int dimension)
    {
        if (!_denseLength.TryGetValue(dimension, out var length))
        {
            var zeros = new Payload<T>(dimension);
            zeros.SetDense().Clear();
            length = _encoding.Encode(zeros, ref _buffer);
            _denseLength[dimension] = length;
        }

        return length;
    }

    private Payload<T> Scratch(int dimension)
    {
        if (!_scratch.TryGetValue(dimension, out var payload))
        {
            payload = new Payload<T>(dimension);
            _scratch[dimension] = payload;
        }

        return payload;
    }
}
