namespace Sasg.NetSim.Network;

/// <summary>
/// The flows of a <see cref="FairShareLink"/> whose ids and caps are all known before the first starts (one round of
/// uploads): a perfectly balanced tree over every prepared (cap, id) key, built once, in which flows are switched on
/// and off in place. Same operations and values as <see cref="FairShareTreap"/>.
/// </summary>
/// <remarks>
/// The tree is implicit (node i has children 2i + 1 and 2i + 2, the keys in order in an in-order walk), so it has no
/// pointers, its depth is ⌈log2(M + 1)⌉, its top levels share cache lines and a node's two children sit side by side.
/// A node whose flow is not in progress counts for nothing (no rank, no cap, no value) but keeps its key, so the
/// descents need no rebalancing; the first node of <see cref="FirstAbove"/> may be such a node, whose key then splits
/// the flows exactly as the next flow in progress would (the descent's quantity never decreases along the keys,
/// flows in progress or not).
/// </remarks>
internal sealed class FairSharePreparedTree
{
    private Node[] _nodes = [];
    private int[] _nodeOf = [];
    private Key[] _keys = [];
    private int _size;

    /// <summary>The number of flows in progress.</summary>
    public int Count => _size == 0 ? 0 : _nodes[0].Count;

    /// <summary>The earliest finish of a capped flow, or <see cref="long.MaxValue"/>.</summary>
    public long MinFinish => _size == 0 ? long.MaxValue : Math.Min(_nodes[0].FinishLeft, _nodes[0].FinishRight);

    /// <summary>The number of prepared flows (ids 0 to this − 1).</summary>
    public int Prepared => _size;

    /// <summary>Prepares flows 0 to caps.Length − 1 with these caps, none in progress: O(M log M) once.</summary>
    public void Prepare(ReadOnlySpan<long> caps)
    {
        var n = caps.Length;
        if (_nodes.Length < n)
        {
            _nodes = new Node[n];
            _nodeOf = new int[n];
            _keys = new Key[n];
        }

        _size = n;
        for (var i = 0; i < n; i++)
        {
            _keys[i] = new Key(caps[i], i);
        }

        _keys.AsSpan(0, n).Sort();

        // In-order walk of the implicit tree, giving the keys in order.
        var next = 0;
        var x = 0;
        Span<int> stack = stackalloc int[64];
        var depth = 0;
        while (depth > 0 || x < n)
        {
            if (x < n)
            {
                stack[depth++] = x;
                x = (2 * x) + 1;
                continue;
            }

            x = stack[--depth];
            var key = _keys[next++];
            _nodes[x] = new Node
            {
                Flow = key.Id,
                Cap = key.Cap,
                MinLeft = FairShareTreap.None,
                MinRight = FairShareTreap.None,
                FinishLeft = long.MaxValue,
                FinishRight = long.MaxValue,
            };
            _nodeOf[key.Id] = x;
            x = (2 * x) + 2;
        }
    }

    /// <summary>Takes every flow out (the prepared keys stay).</summary>
    public void Clear()
    {
        for (var x = 0; x < _size; x++)
        {
            ref var node = ref _nodes[x];
            node = new Node
            {
                Flow = node.Flow,
                Cap = node.Cap,
                MinLeft = FairShareTreap.None,
                MinRight = FairShareTreap.None,
                FinishLeft = long.MaxValue,
                FinishRight = long.MaxValue,
            };
        }
    }

    /// <summary>Whether the flow is in progress.</summary>
    public bool Contains(int flow) => flow >= 0 && flow < _size && _nodes[_nodeOf[flow]].Active;

    /// <summary>The flow's cap.</summary>
    public long Cap(int flow) => _nodes[_nodeOf[flow]].Cap;

    /// <summary>Switches a prepared flow on, as <see cref="FairShareTreap.Insert"/>.</summary>
    /// <exception cref="ArgumentException">The flow is not prepared with this cap, or is already in progress.</exception>
    public void Insert(int flow, long cap, bool capped, Int128 value, long since, long finish)
    {
        if (flow >= _size || _nodes[_nodeOf[flow]].Cap != cap)
        {
            throw new ArgumentException($"Flow {flow} with cap {cap} was not prepared.", nameof(flow));
        }

        var x = _nodeOf[flow];
        if (_nodes[x].Active)
        {
            throw new ArgumentException($"Flow {flow} is already in progress.", nameof(flow));
        }

        ref var node = ref _nodes[x];
        node.Active = true;
        node.Capped = capped;
        node.Value = capped ? value : value + PendingAt(x);
        node.Since = since;
        node.Finish = finish;
        UpdatePath(x, 1);
    }

    /// <summary>Switches the flow off, as <see cref="FairShareTreap.Remove"/>.</summary>
    /// <exception cref="ArgumentException">The flow is not in progress.</exception>
    public (bool Capped, Int128 Value, long Since) Remove(int flow)
    {
        if (!Contains(flow))
        {
            throw new ArgumentException($"Flow {flow} is not in progress.", nameof(flow));
        }

        var x = _nodeOf[flow];
        ref var node = ref _nodes[x];
        var value = node.Capped ? node.Value : node.Value - PendingAt(x);
        node.Active = false;
        UpdatePath(x, -1);
        return (node.Capped, value, node.Since);
    }

    /// <summary>As <see cref="FairShareTreap.FirstAbove"/>; the flow found may be one not in progress (see remarks).</summary>
    public (int Flow, int Rank, Int128 CapsBefore) FirstAbove(long capacity)
    {
        var n = Count;
        var found = -1;
        var foundRank = n;
        Int128 foundCaps = 0;
        var rank = 0;
        Int128 caps = 0;
        var x = 0;
        while (x < _size)
        {
            ref var node = ref _nodes[x];
            var r = rank + node.LeftCount;
            var left = (2 * x) + 1;
            var before = caps + (left < _size ? _nodes[left].SumCap : 0);
            if (before + ((Int128)node.Cap * (n - r)) > capacity)
            {
                (found, foundRank, foundCaps) = (node.Flow, r, before);
                x = left;
            }
            else
            {
                rank = r + (node.Active ? 1 : 0);
                caps = before + (node.Active ? node.Cap : 0);
                x = left + 1;
            }
        }

        return found < 0 ? (-1, n, caps) : (found, foundRank, foundCaps);
    }

    /// <summary>As <see cref="FairShareTreap.Minima"/>.</summary>
    public (Int128 Below, Int128 AtOrAbove) Minima(int k)
    {
        var below = FairShareTreap.None;
        var above = FairShareTreap.None;
        long pending = 0;
        var rank = 0;
        var x = 0;
        while (x < _size)
        {
            ref var node = ref _nodes[x];
            var r = rank + node.LeftCount;
            if (r >= k)
            {
                above = Min(above, node.MinRight - pending);
                pending += node.LazyLeft;
                x = (2 * x) + 1;
            }
            else
            {
                below = Min(below, node.MinLeft - pending);
                pending += node.LazyRight;
                rank = r + (node.Active ? 1 : 0);
                x = (2 * x) + 2;
            }
        }

        return (below, above);
    }

    /// <summary>As <see cref="FairShareTreap.SubtractFromRank"/>.</summary>
    public void SubtractFromRank(int k, long amount)
    {
        var x = 0;
        while (x < _size)
        {
            ref var node = ref _nodes[x];
            if (node.LeftCount >= k)
            {
                if (node.Active && !node.Capped)
                {
                    node.Value -= amount;
                }

                node.MinRight -= amount;
                node.LazyRight += amount;
                x = (2 * x) + 1;
            }
            else
            {
                k -= node.LeftCount + (node.Active ? 1 : 0);
                x = (2 * x) + 2;
            }
        }

        // Back up from the empty place the descent ended at: only the side it went down changed.
        while (x > 0)
        {
            var parent = (x - 1) >> 1;
            ref var node = ref _nodes[parent];
            if ((x & 1) == 1)
            {
                node.MinLeft = Min(Own(ref node), Below(x, node.LazyLeft));
            }
            else
            {
                node.MinRight = Min(Own(ref node), Below(x, node.LazyRight));
            }

            x = parent;
        }
    }

    /// <summary>As <see cref="FairShareTreap.RemoveDone"/>.</summary>
    public void RemoveDone(Int128 offset, long now, List<int> completed)
    {
        while (_size > 0 && HasDone(ref _nodes[0], 0, offset, now))
        {
            var x = 0;
            long pending = 0;
            while (true)
            {
                ref var node = ref _nodes[x];
                var left = (2 * x) + 1;
                if (left < _size && HasDone(ref _nodes[left], pending + node.LazyLeft, offset, now))
                {
                    pending += node.LazyLeft;
                    x = left;
                }
                else if (node.Active && (node.Capped ? node.Finish <= now : node.Value - pending <= offset))
                {
                    break;
                }
                else
                {
                    pending += node.LazyRight;
                    x = left + 1;
                }
            }

            completed.Add(_nodes[x].Flow);
            _nodes[x].Active = false;
            UpdatePath(x, -1);
        }
    }

    /// <summary>As <see cref="FairShareTreap.ConvertRange"/>.</summary>
    public void ConvertRange((long Cap, int Id) from, (long Cap, int Id) to, bool toCapped, long now, Int128 offset)
    {
        if (_size > 0)
        {
            Convert(0, from, to, toCapped, now, offset);
        }
    }

    private void Convert(int x, (long Cap, int Id) from, (long Cap, int Id) to, bool toCapped, long now, Int128 offset)
    {
        Push(x);
        ref var node = ref _nodes[x];
        var left = (2 * x) + 1;
        var atOrAfterFrom = !FairShareTreap.KeyLess(node.Cap, node.Flow, from.Cap, from.Id);
        var beforeTo = FairShareTreap.KeyLess(node.Cap, node.Flow, to.Cap, to.Id);
        if (atOrAfterFrom && left < _size)
        {
            Convert(left, from, to, toCapped, now, offset);
        }

        if (beforeTo && left + 1 < _size)
        {
            Convert(left + 1, from, to, toCapped, now, offset);
        }

        if (atOrAfterFrom && beforeTo && node.Active)
        {
            if (toCapped && !node.Capped)
            {
                node.Capped = true;
                node.Value -= offset;
                node.Since = now;
                node.Finish = FairShareTreap.FinishAtCap(node.Value, node.Cap, now);
            }
            else if (!toCapped && node.Capped)
            {
                node.Capped = false;
                node.Value = node.Value - ((Int128)node.Cap * (now - node.Since)) + offset;
            }
        }

        Update(x);
    }

    private static bool HasDone(ref Node node, long pending, Int128 offset, long now) =>
        Min(node.MinLeft, node.MinRight) - pending <= offset || Math.Min(node.FinishLeft, node.FinishRight) <= now;

    // What the lazy edges from the root down to x still hold for x (x's value is exact less this).
    private long PendingAt(int x)
    {
        long pending = 0;
        while (x > 0)
        {
            var parent = (x - 1) >> 1;
            pending += (x & 1) == 1 ? _nodes[parent].LazyLeft : _nodes[parent].LazyRight;
            x = parent;
        }

        return pending;
    }

    private void Push(int x)
    {
        ref var node = ref _nodes[x];
        var left = (2 * x) + 1;
        if (node.LazyLeft != 0)
        {
            Apply(left, node.LazyLeft);
            node.LazyLeft = 0;
        }

        if (node.LazyRight != 0)
        {
            Apply(left + 1, node.LazyRight);
            node.LazyRight = 0;
        }
    }

    private void Apply(int x, long amount)
    {
        if (x >= _size)
        {
            return;
        }

        ref var node = ref _nodes[x];
        if (node.Active && !node.Capped)
        {
            node.Value -= amount;
        }

        node.MinLeft -= amount;
        node.MinRight -= amount;
        node.LazyLeft += amount;
        node.LazyRight += amount;
    }

    // After x's flow was switched on (change 1) or off (−1): x from its children, then each ancestor on the side x is.
    private void UpdatePath(int x, int change)
    {
        Update(x);
        var cap = change * _nodes[x].Cap;
        while (x > 0)
        {
            var parent = (x - 1) >> 1;
            ref var node = ref _nodes[parent];
            ref var child = ref _nodes[x];
            var ownFinish = node.Active && node.Capped ? node.Finish : long.MaxValue;
            if ((x & 1) == 1)
            {
                node.LeftCount += change;
                node.MinLeft = Min(Own(ref node), Min(child.MinLeft, child.MinRight) - node.LazyLeft);
                node.FinishLeft = Math.Min(ownFinish, Math.Min(child.FinishLeft, child.FinishRight));
            }
            else
            {
                node.MinRight = Min(Own(ref node), Min(child.MinLeft, child.MinRight) - node.LazyRight);
                node.FinishRight = Math.Min(ownFinish, Math.Min(child.FinishLeft, child.FinishRight));
            }

            node.Count += change;
            node.SumCap += cap;
            x = parent;
        }
    }

    private void Update(int x)
    {
        ref var node = ref _nodes[x];
        var left = (2 * x) + 1;
        var own = Own(ref node);
        var ownFinish = node.Active && node.Capped ? node.Finish : long.MaxValue;
        node.MinLeft = Min(own, Below(left, node.LazyLeft));
        node.MinRight = Min(own, Below(left + 1, node.LazyRight));
        node.FinishLeft = Math.Min(ownFinish, FinishBelow(left));
        node.FinishRight = Math.Min(ownFinish, FinishBelow(left + 1));
        var self = node.Active ? 1 : 0;
        if (left + 1 < _size)
        {
            ref var l = ref _nodes[left];
            ref var r = ref _nodes[left + 1];
            node.LeftCount = l.Count;
            node.Count = l.Count + self + r.Count;
            node.SumCap = l.SumCap + r.SumCap + (self * node.Cap);
        }
        else if (left < _size)
        {
            node.LeftCount = _nodes[left].Count;
            node.Count = node.LeftCount + self;
            node.SumCap = _nodes[left].SumCap + (self * node.Cap);
        }
        else
        {
            node.LeftCount = 0;
            node.Count = self;
            node.SumCap = self * node.Cap;
        }
    }

    private static Int128 Own(ref Node node) => node.Active && !node.Capped ? node.Value : FairShareTreap.None;

    private Int128 Below(int child, long lazy) =>
        child >= _size ? FairShareTreap.None : Min(_nodes[child].MinLeft, _nodes[child].MinRight) - lazy;

    private long FinishBelow(int child) =>
        child >= _size ? long.MaxValue : Math.Min(_nodes[child].FinishLeft, _nodes[child].FinishRight);

    private static Int128 Min(Int128 a, Int128 b) => a < b ? a : b;

    private readonly record struct Key(long Cap, int Id) : IComparable<Key>
    {
        public int CompareTo(Key other) => Cap != other.Cap ? Cap.CompareTo(other.Cap) : Id.CompareTo(other.Id);
    }

    // The fields a descent by rank reads come first (64 bytes), as in the treap.
    private struct Node
    {
        public int LeftCount;
        public int Flow;
        public bool Active;
        public bool Capped;
        public long LazyLeft;
        public long LazyRight;
        public Int128 MinLeft;
        public Int128 MinRight;
        public Int128 Value;
        public Int128 SumCap;
        public long Cap;
        public long Since;
        public long Finish;
        public long FinishLeft;
        public long FinishRight;
        public int Count;
    }
}
