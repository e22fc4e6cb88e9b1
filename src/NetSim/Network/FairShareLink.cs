namespace Sasg.NetSim.Network;

/// <summary>
/// Max-min fair sharing of one link among flows that each have their own rate cap, as an exact fluid model in
/// integer nanoseconds, updated incrementally: a flow start, end or capacity change costs O(log n) in the number of
/// active flows (plus O(log n) per flow whose cap the fair level crosses).
/// </summary>
/// <remarks>
/// <para>
/// The rates are today's water-filling, rule for rule: with the flows in (cap, id) order and <c>left</c> the capacity
/// not yet given out, the k-th of n flows gets <c>min(cap, max(1, floor(left / (n - k))))</c>. That is: the flows
/// whose cap fits under the level keep their cap (a prefix of the order, found by one descent because
/// <c>g(k) = caps before k + cap_k·(n − k)</c> only grows with k); the other m share the rest L:
/// <c>floor(L / m)</c> bit/s each, one more for the last <c>L mod m</c> of them, and 1 bit/s each when
/// <c>L &lt; m</c>. Rates are piecewise constant between events and follow the flows present when the interval
/// starts.
/// </para>
/// <para>
/// Remaining data is held exactly in bit·ns/s (128-bit); a flow's completion is rounded up to the next whole
/// nanosecond. The flows sit in a treap ordered by (cap, id) that keeps counts and cap sums (for the descent), and
/// for the flows at the shared level their remaining data with a lazy subtraction and its minimum (all of them lose
/// <c>level·dt</c>, a suffix one more <c>dt</c>). A flow at its cap finishes at a fixed time, kept as a minimum too,
/// and is converted when the level crosses its cap. Same operations, same times, whatever the tree's shape.
/// </para>
/// <para>
/// Flow ids are small non-negative integers (the storage grows to the largest); an id is free again once its flow
/// has completed or been removed.
/// </para>
/// </remarks>
internal sealed class FairShareLink
{
    private const long NanosecondsPerSecond = 1_000_000_000;
    private const int Nil = -1;
    private static readonly Int128 NoRemaining = Int128.MaxValue;

    private readonly List<int> _completed = [];
    private readonly List<int> _path = [];
    private Node[] _nodes = [];
    private int _root = Nil;
    private long _capacity;
    private uint _priorityState = 0x9E3779B9;

    // The settled rates: flows below the threshold key are at their caps; the others get _level, the last _top of
    // them _level + 1.
    private bool _dirty;
    private long _thresholdCap = long.MinValue;
    private int _thresholdId = int.MinValue;
    private long _level;
    private int _top;
    private long _totalRate;
    private long _next = -1;

    /// <summary>An empty link of <paramref name="capacity"/> bit/s at time <paramref name="now"/>.</summary>
    public FairShareLink(long capacity, long now = 0)
    {
        Reset(capacity, now);
    }

    /// <summary>The time the link has been advanced to, in nanoseconds.</summary>
    public long Now { get; private set; }

    /// <summary>The number of flows in progress.</summary>
    public int ActiveCount => Count(_root);

    /// <summary>The sum of the flows' rates from <see cref="Now"/> on, in bit/s.</summary>
    public long TotalRate
    {
        get
        {
            Settle();
            return _totalRate;
        }
    }

    /// <summary>The flows completed by the last <see cref="AdvanceTo"/>, in (cap, id) order (a reused list).</summary>
    public IReadOnlyList<int> Completed => _completed;

    /// <summary>Drops every flow and sets the capacity and the time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is negative.</exception>
    public void Reset(long capacity, long now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        for (var i = 0; i < _nodes.Length; i++)
        {
            _nodes[i].Active = false;
        }

        _root = Nil;
        _capacity = capacity;
        Now = now;
        _completed.Clear();
        _thresholdCap = long.MinValue;
        _thresholdId = int.MinValue;
        _dirty = true;
    }

    /// <summary>Starts flow <paramref name="flow"/> of <paramref name="bits"/> capped at <paramref name="cap"/> bit/s, at <see cref="Now"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is negative, bits or cap below 1.</exception>
    /// <exception cref="ArgumentException">The flow is already in progress.</exception>
    public void Add(int flow, long bits, long cap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        Insert(flow, (Int128)bits * NanosecondsPerSecond, cap);
    }

    /// <summary>Stops flow <paramref name="flow"/> at <see cref="Now"/>; returns the bits it had still to send (rounded up).</summary>
    /// <exception cref="ArgumentException">The flow is not in progress.</exception>
    public long Remove(int flow)
    {
        var remaining = Detach(flow);
        return (long)((remaining + NanosecondsPerSecond - 1) / NanosecondsPerSecond);
    }

    /// <summary>Changes flow <paramref name="flow"/>'s cap from <see cref="Now"/> on (its data so far is kept).</summary>
    /// <exception cref="ArgumentException">The flow is not in progress.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The cap is below 1.</exception>
    public void SetCap(int flow, long cap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 1);
        Insert(flow, Detach(flow), cap);
    }

    /// <summary>Changes the link's capacity from <see cref="Now"/> on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is negative.</exception>
    public void SetCapacity(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
        _dirty = true;
    }

    /// <summary>The time of the next completion if nothing changes, or <see cref="long.MaxValue"/> with no flow.</summary>
    public long NextCompletion()
    {
        Settle();
        if (_next < 0)
        {
            _next = _root == Nil ? long.MaxValue : FindNextCompletion();
        }

        return _next;
    }

    private long FindNextCompletion()
    {
        var next = _nodes[_root].MinFinish;
        var split = Count(_root) - _top;
        var (atLevel, aboveLevel) = MinimaAroundRank(split);
        if (atLevel != NoRemaining)
        {
            next = Math.Min(next, Now + CeilingDivide(atLevel, _level));
        }

        if (aboveLevel != NoRemaining)
        {
            next = Math.Min(next, Now + CeilingDivide(aboveLevel, _level + 1));
        }

        return next;
    }

    /// <summary>
    /// Moves the time to <paramref name="time"/> (at most <see cref="NextCompletion"/>) and ends the flows done by
    /// then, listed in <see cref="Completed"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is before <see cref="Now"/> or after the next completion.</exception>
    public void AdvanceTo(long time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, Now);
        _completed.Clear();
        if (_root == Nil)
        {
            Now = time;
            return;
        }

        var next = NextCompletion();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(time, next);
        var elapsed = time - Now;
        if (elapsed > 0)
        {
            Apply(_root, (Int128)_level * elapsed);
            if (_top > 0)
            {
                SubtractFromRank(Count(_root) - _top, elapsed);
            }
        }

        Now = time;
        _next = -1;
        if (time == next)
        {
            while (_root != Nil && HasDone(_root))
            {
                _root = RemoveFirstDone(_root);
            }

            _dirty = true;
        }
    }

    private void Insert(int flow, Int128 remaining, long cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(flow);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 1);
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
            Remaining = remaining,
        };
        if (IsBelowThreshold(cap, flow))
        {
            ToCapped(flow);
        }

        Update(flow);
        _root = InsertNode(_root, flow);
        _dirty = true;
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

    // Takes the flow out of the tree; returns its remaining data at Now.
    private Int128 Detach(int flow)
    {
        if (flow < 0 || flow >= _nodes.Length || !_nodes[flow].Active)
        {
            throw new ArgumentException($"Flow {flow} is not in progress.", nameof(flow));
        }

        ref var node = ref _nodes[flow];
        Split(_root, node.Cap, flow, out var left, out var rest);
        Split(rest, node.Cap, flow + 1, out _, out var right);
        _root = Merge(left, right);
        node.Active = false;
        _dirty = true;
        return node.Capped ? RemainingWhileCapped(ref node) : node.Remaining;
    }

    // Recomputes the rates after flows or the capacity changed.
    private void Settle()
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        _next = -1;
        var n = Count(_root);
        if (n == 0)
        {
            _level = _top = 0;
            _totalRate = 0;
            return;
        }

        var (first, rank, capsBefore) = FirstAtLevel(n);
        var (cap, id) = first == Nil ? (long.MaxValue, int.MaxValue) : (_nodes[first].Cap, first);
        if (KeyLess(cap, id, _thresholdCap, _thresholdId))
        {
            ConvertRange(cap, id, _thresholdCap, _thresholdId, toCapped: false);
        }
        else if (KeyLess(_thresholdCap, _thresholdId, cap, id))
        {
            ConvertRange(_thresholdCap, _thresholdId, cap, id, toCapped: true);
        }

        _thresholdCap = cap;
        _thresholdId = id;
        var shared = n - rank;
        var left = _capacity - capsBefore;
        if (shared == 0)
        {
            _level = _top = 0;
            _totalRate = (long)capsBefore;
        }
        else if (left >= shared)
        {
            _level = (long)(left / shared);
            _top = (int)(left % shared);
            _totalRate = _capacity;
        }
        else
        {
            _level = 1;
            _top = 0;
            _totalRate = (long)capsBefore + shared;
        }
    }

    // The first flow (in key order) whose cap does not fit under the level, its rank and the caps before it.
    private (int Node, int Rank, Int128 CapsBefore) FirstAtLevel(int n)
    {
        var found = Nil;
        var foundRank = n;
        Int128 foundCaps = 0;
        var rank = 0;
        Int128 caps = 0;
        var x = _root;
        while (x != Nil)
        {
            ref var node = ref _nodes[x];
            var r = rank + Count(node.Left);
            var before = caps + SumCap(node.Left);
            if (before + ((Int128)node.Cap * (n - r)) > _capacity)
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

    private void ConvertRange(long fromCap, int fromId, long toCap, int toId, bool toCapped)
    {
        Split(_root, fromCap, fromId, out var left, out var rest);
        Split(rest, toCap, toId, out var middle, out var right);
        ConvertAll(middle, toCapped);
        _root = Merge(Merge(left, middle), right);
    }

    private void ConvertAll(int x, bool toCapped)
    {
        if (x == Nil)
        {
            return;
        }

        Push(x);
        ref var node = ref _nodes[x];
        ConvertAll(node.Left, toCapped);
        ConvertAll(node.Right, toCapped);
        if (toCapped && !node.Capped)
        {
            ToCapped(x);
        }
        else if (!toCapped && node.Capped)
        {
            node.Remaining = RemainingWhileCapped(ref node);
            node.Capped = false;
        }

        Update(x);
    }

    private void ToCapped(int x)
    {
        ref var node = ref _nodes[x];
        node.Capped = true;
        node.Since = Now;
        node.Finish = Now + CeilingDivide(node.Remaining, node.Cap);
    }

    private Int128 RemainingWhileCapped(ref Node node) => node.Remaining - ((Int128)node.Cap * (Now - node.Since));

    // The least remaining data of flows at the level below rank k, and at rank k and above (lazy amounts included).
    private (Int128 Below, Int128 AtOrAbove) MinimaAroundRank(int k)
    {
        var below = NoRemaining;
        var above = NoRemaining;
        Int128 pending = 0;
        var x = _root;
        var rank = 0;
        while (x != Nil)
        {
            ref var node = ref _nodes[x];
            var r = rank + Count(node.Left);
            var own = node.Capped ? NoRemaining : node.Remaining - pending;
            var childPending = pending + node.Lazy;
            if (r >= k)
            {
                above = Min(above, Min(own, Shifted(node.Right, childPending)));
                x = node.Left;
            }
            else
            {
                below = Min(below, Min(own, Shifted(node.Left, childPending)));
                rank = r + 1;
                x = node.Right;
            }

            pending = childPending;
        }

        return (below, above);
    }

    private Int128 Shifted(int x, Int128 pending) =>
        x == Nil || _nodes[x].MinRemaining == NoRemaining ? NoRemaining : _nodes[x].MinRemaining - pending;

    // Subtracts elapsed from the flows of rank k and above (they are at the level, one bit/s above it).
    private void SubtractFromRank(int k, long elapsed)
    {
        var x = _root;
        while (x != Nil)
        {
            ref var node = ref _nodes[x];
            var r = Count(node.Left);
            if (r >= k)
            {
                Apply(node.Right, elapsed);
                if (!node.Capped)
                {
                    node.Remaining -= elapsed;
                }

                _path.Add(x);
                x = node.Left;
            }
            else
            {
                _path.Add(x);
                k -= r + 1;
                x = node.Right;
            }
        }

        for (var i = _path.Count - 1; i >= 0; i--)
        {
            UpdateMinimum(_path[i]);
        }

        _path.Clear();
    }

    private bool HasDone(int x) => _nodes[x].MinRemaining <= 0 || _nodes[x].MinFinish <= Now;

    private bool IsDone(ref Node node) => node.Capped ? node.Finish <= Now : node.Remaining <= 0;

    private int RemoveFirstDone(int x)
    {
        Push(x);
        ref var node = ref _nodes[x];
        if (node.Left != Nil && HasDone(node.Left))
        {
            node.Left = RemoveFirstDone(node.Left);
        }
        else if (IsDone(ref node))
        {
            node.Active = false;
            _completed.Add(x);
            return Merge(node.Left, node.Right);
        }
        else
        {
            node.Right = RemoveFirstDone(node.Right);
        }

        Update(x);
        return x;
    }

    private bool IsBelowThreshold(long cap, int id) => KeyLess(cap, id, _thresholdCap, _thresholdId);

    private static bool KeyLess(long cap, int id, long otherCap, int otherId) =>
        cap < otherCap || (cap == otherCap && id < otherId);

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

    private void Apply(int x, Int128 amount)
    {
        if (x == Nil)
        {
            return;
        }

        ref var node = ref _nodes[x];
        if (!node.Capped)
        {
            node.Remaining -= amount;
        }

        if (node.MinRemaining != NoRemaining)
        {
            node.MinRemaining -= amount;
        }

        node.Lazy += amount;
    }

    private void Push(int x)
    {
        ref var node = ref _nodes[x];
        if (node.Lazy != 0)
        {
            Apply(node.Left, node.Lazy);
            Apply(node.Right, node.Lazy);
            node.Lazy = 0;
        }
    }

    private void Update(int x)
    {
        ref var node = ref _nodes[x];
        var count = 1;
        Int128 sum = node.Cap;
        var minRemaining = node.Capped ? NoRemaining : node.Remaining;
        var minFinish = node.Capped ? node.Finish : long.MaxValue;
        AddChild(node.Left, node.Lazy, ref count, ref sum, ref minRemaining, ref minFinish);
        AddChild(node.Right, node.Lazy, ref count, ref sum, ref minRemaining, ref minFinish);
        node.Count = count;
        node.SumCap = sum;
        node.MinRemaining = minRemaining;
        node.MinFinish = minFinish;
    }

    private void AddChild(int child, Int128 lazy, ref int count, ref Int128 sum, ref Int128 minRemaining, ref long minFinish)
    {
        if (child == Nil)
        {
            return;
        }

        ref var c = ref _nodes[child];
        count += c.Count;
        sum += c.SumCap;
        minRemaining = Min(minRemaining, Shifted(child, lazy));
        minFinish = Math.Min(minFinish, c.MinFinish);
    }

    // Only the remaining data changed below x: its minimum, children's lazy amounts included.
    private void UpdateMinimum(int x)
    {
        ref var node = ref _nodes[x];
        var own = node.Capped ? NoRemaining : node.Remaining;
        node.MinRemaining = Min(own, Min(Shifted(node.Left, node.Lazy), Shifted(node.Right, node.Lazy)));
    }

    private int Count(int x) => x == Nil ? 0 : _nodes[x].Count;

    private Int128 SumCap(int x) => x == Nil ? 0 : _nodes[x].SumCap;

    private static Int128 Min(Int128 a, Int128 b) => a < b ? a : b;

    private static long CeilingDivide(Int128 amount, long rate) => (long)((amount + rate - 1) / rate);

    private struct Node
    {
        public int Left;
        public int Right;
        public uint Priority;
        public int Count;
        public long Cap;
        public bool Active;

        // At its cap: a fixed finish time; Remaining is then the data left at Since.
        public bool Capped;
        public long Since;
        public long Finish;
        public Int128 Remaining;

        // Subtree aggregates, and the amount still to subtract from the children's flows at the level.
        public Int128 SumCap;
        public Int128 MinRemaining;
        public long MinFinish;
        public Int128 Lazy;
    }
}
