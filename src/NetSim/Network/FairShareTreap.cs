namespace Sasg.NetSim.Network;

/// <summary>
/// The flows of a <see cref="FairShareLink"/> in (cap, id) order: a treap indexed by flow id that keeps what the link's
/// descents need, so that each one reads only the nodes on its path.
/// </summary>
/// <remarks>
/// <para>
/// A flow is either <em>capped</em> (it runs at its cap and finishes at a fixed time) or <em>shared</em> (it runs at the
/// link's level). A shared flow holds its remaining data plus the link's offset (the data every shared flow has lost
/// at the level since the link was reset): advancing the level moves the offset only, and the tree itself is changed
/// only by the extra 1 bit/s of a suffix of the order (whole nanoseconds, summed in 64 bits).
/// </para>
/// <para>
/// Each node keeps, besides its subtree's count and cap sum, the least value among itself and its left subtree and
/// among itself and its right subtree, and the amounts still to subtract from each subtree (lazy edges). A descent by
/// rank therefore decides, accumulates and updates from the node it is at, never from the child it leaves. Values of
/// shared flows are exact; a capped flow or an empty side counts as <see cref="None"/> (which subtractions may lower
/// by at most 2^64, far above any real value).
/// </para>
/// </remarks>
internal sealed class FairShareTreap
{
    /// <summary>The value of no shared flow.</summary>
    public static readonly Int128 None = Int128.MaxValue;

    private const int Nil = -1;
    private static readonly Int128 NoneBelow = Int128.MaxValue >> 1;

    private Node[] _nodes = [];
    private int[] _path = new int[64];
    private int _root = Nil;
    private uint _priorityState = 0x9E3779B9;

    /// <summary>The number of flows.</summary>
    public int Count => _root == Nil ? 0 : _nodes[_root].Count;

    /// <summary>The earliest finish of a capped flow, or <see cref="long.MaxValue"/>.</summary>
    public long MinFinish => _root == Nil ? long.MaxValue : SubtreeFinish(ref _nodes[_root]);

    /// <summary>Whether a value from <see cref="Minima"/> is a flow's and not <see cref="None"/>.</summary>
    public static bool IsValue(Int128 value) => value < NoneBelow;

    /// <summary>Whether the flow is in the tree.</summary>
    public bool Contains(int flow) => flow >= 0 && flow < _nodes.Length && _nodes[flow].Active;

    /// <summary>The flow's cap.</summary>
    public long Cap(int flow) => _nodes[flow].Cap;

    /// <summary>Empties the tree.</summary>
    public void Clear()
    {
        for (var i = 0; i < _nodes.Length; i++)
        {
            _nodes[i].Active = false;
        }

        _root = Nil;
    }

    /// <summary>Adds a flow: shared with <paramref name="value"/>, or capped with its data left at <paramref name="since"/>.</summary>
    /// <exception cref="ArgumentException">The flow is already in the tree.</exception>
    public void Insert(int flow, long cap, bool capped, Int128 value, long since, long finish)
    {
        if (flow >= _nodes.Length)
        {
            Array.Resize(ref _nodes, Math.Max(flow + 1, _nodes.Length * 2));
        }

        ref var node = ref _nodes[flow];
        if (node.Active)
        {
            throw new ArgumentException($"Flow {flow} is already in progress.", nameof(flow));
        }

        _priorityState ^= _priorityState << 13;
        _priorityState ^= _priorityState >> 17;
        _priorityState ^= _priorityState << 5;
        node = new Node
        {
            Left = Nil,
            Right = Nil,
            Priority = _priorityState,
            Cap = cap,
            Active = true,
            Capped = capped,
            Value = value,
            Since = since,
            Finish = finish,
        };
        Update(flow);
        _root = InsertNode(_root, flow);
    }

    /// <summary>Takes the flow out; returns whether it was capped, its value (or data left at since) and since.</summary>
    /// <exception cref="ArgumentException">The flow is not in the tree.</exception>
    public (bool Capped, Int128 Value, long Since) Remove(int flow)
    {
        if (!Contains(flow))
        {
            throw new ArgumentException($"Flow {flow} is not in progress.", nameof(flow));
        }

        ref var node = ref _nodes[flow];
        Split(_root, node.Cap, flow, out var left, out var rest);
        Split(rest, node.Cap, flow + 1, out _, out var right);
        _root = Merge(left, right);
        node.Active = false;
        return (node.Capped, node.Value, node.Since);
    }

    /// <summary>
    /// The first flow (in key order) with <c>caps before + cap·(count − rank) &gt; capacity</c>, its rank and the caps
    /// before it; -1, the count and the sum of all caps when there is none.
    /// </summary>
    public (int Flow, int Rank, Int128 CapsBefore) FirstAbove(long capacity)
    {
        var n = Count;
        var found = Nil;
        var foundRank = n;
        Int128 foundCaps = 0;
        var rank = 0;
        Int128 caps = 0;
        var x = _root;
        while (x != Nil)
        {
            ref var node = ref _nodes[x];
            var r = rank + node.LeftCount;
            var before = caps + (node.Left == Nil ? 0 : _nodes[node.Left].SumCap);
            if (before + ((Int128)node.Cap * (n - r)) > capacity)
            {
                (found, foundRank, foundCaps) = (x, r, before);
                x = node.Left;
            }
            else
            {
                rank = r + 1;
                caps = before + node.Cap;
                x = node.Right;
            }
        }

        return found == Nil ? (Nil, n, caps) : (found, foundRank, foundCaps);
    }

    /// <summary>The least value of the shared flows below rank <paramref name="k"/>, and at rank k and above.</summary>
    public (Int128 Below, Int128 AtOrAbove) Minima(int k)
    {
        var below = None;
        var above = None;
        long pending = 0;
        var rank = 0;
        var x = _root;
        while (x != Nil)
        {
            ref var node = ref _nodes[x];
            var r = rank + node.LeftCount;
            if (r >= k)
            {
                above = Min(above, node.MinRight - pending);
                pending += node.LazyLeft;
                x = node.Left;
            }
            else
            {
                below = Min(below, node.MinLeft - pending);
                pending += node.LazyRight;
                rank = r + 1;
                x = node.Right;
            }
        }

        return (below, above);
    }

    /// <summary>Subtracts <paramref name="amount"/> from the values of the shared flows of rank k and above.</summary>
    public void SubtractFromRank(int k, long amount)
    {
        var depth = 0;
        var x = _root;
        while (x != Nil)
        {
            if (depth == _path.Length)
            {
                Array.Resize(ref _path, depth * 2);
            }

            ref var node = ref _nodes[x];
            if (node.LeftCount >= k)
            {
                if (!node.Capped)
                {
                    node.Value -= amount;
                }

                node.MinRight -= amount;
                node.LazyRight += amount;
                _path[depth++] = x;
                x = node.Left;
            }
            else
            {
                k -= node.LeftCount + 1;
                _path[depth++] = ~x;
                x = node.Right;
            }
        }

        // Back up: only the side each node descended into changed below it.
        while (--depth >= 0)
        {
            var step = _path[depth];
            if (step >= 0)
            {
                ref var node = ref _nodes[step];
                node.MinLeft = Min(Own(ref node), Below(node.Left, node.LazyLeft));
            }
            else
            {
                ref var node = ref _nodes[~step];
                node.MinRight = Min(Own(ref node), Below(node.Right, node.LazyRight));
            }
        }
    }

    /// <summary>
    /// Removes every flow done by <paramref name="now"/> (shared: value at most <paramref name="offset"/>; capped: finish
    /// at most now) and appends them to <paramref name="completed"/> in key order.
    /// </summary>
    public void RemoveDone(Int128 offset, long now, List<int> completed)
    {
        while (_root != Nil && HasDone(ref _nodes[_root], offset, now))
        {
            _root = RemoveFirstDone(_root, offset, now, completed);
        }
    }

    /// <summary>
    /// Converts the flows with keys in [from, to) to capped (<paramref name="toCapped"/>) or shared, at time
    /// <paramref name="now"/> with the link's <paramref name="offset"/>.
    /// </summary>
    public void ConvertRange((long Cap, int Id) from, (long Cap, int Id) to, bool toCapped, long now, Int128 offset)
    {
        Split(_root, from.Cap, from.Id, out var left, out var rest);
        Split(rest, to.Cap, to.Id, out var middle, out var right);
        ConvertAll(middle, toCapped, now, offset);
        _root = Merge(Merge(left, middle), right);
    }

    /// <summary>Whether key (cap, id) is before key (otherCap, otherId).</summary>
    public static bool KeyLess(long cap, int id, long otherCap, int otherId) =>
        cap < otherCap || (cap == otherCap && id < otherId);

    /// <summary>The time a capped flow with <paramref name="remaining"/> data at <paramref name="since"/> finishes.</summary>
    public static long FinishAtCap(Int128 remaining, long cap, long since) => since + CeilingDivide(remaining, cap);

    /// <summary>⌈amount / rate⌉ for a positive rate.</summary>
    public static long CeilingDivide(Int128 amount, long rate)
    {
        if (amount >= 0 && amount <= long.MaxValue)
        {
            var a = (long)amount;
            return (a / rate) + (a % rate == 0 ? 0 : 1);
        }

        return (long)((amount + rate - 1) / rate);
    }

    // Treap insertion in one descent: the flow takes the place of the first node of lower priority on its key's path.
    private int InsertNode(int x, int flow)
    {
        ref var added = ref _nodes[flow];
        if (x == Nil || added.Priority > _nodes[x].Priority)
        {
            Split(x, added.Cap, flow, out var left, out var right);
            added.Left = left;
            added.Right = right;
            Update(flow);
            return flow;
        }

        Push(x);
        ref var node = ref _nodes[x];
        if (KeyLess(added.Cap, flow, node.Cap, x))
        {
            node.Left = InsertNode(node.Left, flow);
        }
        else
        {
            node.Right = InsertNode(node.Right, flow);
        }

        Update(x);
        return x;
    }

    private void ConvertAll(int x, bool toCapped, long now, Int128 offset)
    {
        if (x == Nil)
        {
            return;
        }

        Push(x);
        ref var node = ref _nodes[x];
        ConvertAll(node.Left, toCapped, now, offset);
        ConvertAll(node.Right, toCapped, now, offset);
        if (toCapped && !node.Capped)
        {
            node.Capped = true;
            node.Value -= offset;
            node.Since = now;
            node.Finish = FinishAtCap(node.Value, node.Cap, now);
        }
        else if (!toCapped && node.Capped)
        {
            node.Capped = false;
            node.Value = node.Value - ((Int128)node.Cap * (now - node.Since)) + offset;
        }

        Update(x);
    }

    private static bool HasDone(ref Node node, Int128 offset, long now) =>
        Min(node.MinLeft, node.MinRight) <= offset || SubtreeFinish(ref node) <= now;

    private int RemoveFirstDone(int x, Int128 offset, long now, List<int> completed)
    {
        Push(x);
        ref var node = ref _nodes[x];
        if (node.Left != Nil && HasDone(ref _nodes[node.Left], offset, now))
        {
            node.Left = RemoveFirstDone(node.Left, offset, now, completed);
        }
        else if (node.Capped ? node.Finish <= now : node.Value <= offset)
        {
            node.Active = false;
            completed.Add(x);
            return Merge(node.Left, node.Right);
        }
        else
        {
            node.Right = RemoveFirstDone(node.Right, offset, now, completed);
        }

        Update(x);
        return x;
    }

    // Left gets the keys below (cap, id), right the others.
    private void Split(int x, long cap, int id, out int left, out int right)
    {
        if (x == Nil)
        {
            left = right = Nil;
            return;
        }

        Push(x);
        ref var node = ref _nodes[x];
        if (KeyLess(node.Cap, x, cap, id))
        {
            Split(node.Right, cap, id, out var l, out right);
            node.Right = l;
            left = x;
        }
        else
        {
            Split(node.Left, cap, id, out left, out var r);
            node.Left = r;
            right = x;
        }

        Update(x);
    }

    private int Merge(int a, int b)
    {
        if (a == Nil)
        {
            return b;
        }

        if (b == Nil)
        {
            return a;
        }

        if (_nodes[a].Priority > _nodes[b].Priority)
        {
            Push(a);
            _nodes[a].Right = Merge(_nodes[a].Right, b);
            Update(a);
            return a;
        }

        Push(b);
        _nodes[b].Left = Merge(a, _nodes[b].Left);
        Update(b);
        return b;
    }

    // Hands the lazy edges down to the children, so that the node's children hold exact values.
    private void Push(int x)
    {
        ref var node = ref _nodes[x];
        if (node.LazyLeft != 0)
        {
            Apply(node.Left, node.LazyLeft);
            node.LazyLeft = 0;
        }

        if (node.LazyRight != 0)
        {
            Apply(node.Right, node.LazyRight);
            node.LazyRight = 0;
        }
    }

    private void Apply(int x, long amount)
    {
        if (x == Nil)
        {
            return;
        }

        ref var node = ref _nodes[x];
        if (!node.Capped)
        {
            node.Value -= amount;
        }

        node.MinLeft -= amount;
        node.MinRight -= amount;
        node.LazyLeft += amount;
        node.LazyRight += amount;
    }

    private void Update(int x)
    {
        ref var node = ref _nodes[x];
        var own = Own(ref node);
        var ownFinish = node.Capped ? node.Finish : long.MaxValue;
        node.MinLeft = Min(own, Below(node.Left, node.LazyLeft));
        node.MinRight = Min(own, Below(node.Right, node.LazyRight));
        node.FinishLeft = Math.Min(ownFinish, FinishBelow(node.Left));
        node.FinishRight = Math.Min(ownFinish, FinishBelow(node.Right));
        node.LeftCount = node.Left == Nil ? 0 : _nodes[node.Left].Count;
        node.Count = node.LeftCount + 1 + (node.Right == Nil ? 0 : _nodes[node.Right].Count);
        node.SumCap = node.Cap + (node.Left == Nil ? 0 : _nodes[node.Left].SumCap)
            + (node.Right == Nil ? 0 : _nodes[node.Right].SumCap);
    }

    private static Int128 Own(ref Node node) => node.Capped ? None : node.Value;

    // The least value in the subtree of child, in its parent's terms (the lazy edge to it subtracted).
    private Int128 Below(int child, long lazy) =>
        child == Nil ? None : Min(_nodes[child].MinLeft, _nodes[child].MinRight) - lazy;

    private long FinishBelow(int child) => child == Nil ? long.MaxValue : SubtreeFinish(ref _nodes[child]);

    private static long SubtreeFinish(ref Node node) => Math.Min(node.FinishLeft, node.FinishRight);

    private static Int128 Min(Int128 a, Int128 b) => a < b ? a : b;

    // The fields a descent by rank reads come first (64 bytes).
    private struct Node
    {
        public int Left;
        public int Right;
        public int LeftCount;
        public bool Active;
        public bool Capped;

        // Amounts still to subtract from the left and right subtrees' values.
        public long LazyLeft;
        public long LazyRight;

        // The least value of the node's own (shared) flow and its left, respectively right, subtree.
        public Int128 MinLeft;
        public Int128 MinRight;

        // Shared: remaining data plus the link's offset. Capped: the data left at Since, finishing at Finish.
        public Int128 Value;
        public Int128 SumCap;
        public long Cap;
        public long Since;
        public long Finish;
        public long FinishLeft;
        public long FinishRight;
        public int Count;
        public uint Priority;
    }
}
