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
/// nanosecond. The flows sit in a <see cref="FairShareTreap"/> ordered by (cap, id) that keeps counts and cap sums
/// (for the descent), and for the flows at the shared level their remaining data plus the link's offset: all of them
/// lose <c>level·dt</c>, which only moves the offset, and a suffix one more <c>dt</c>, a lazy subtraction in the tree.
/// A flow at its cap finishes at a fixed time, kept as a minimum too, and is converted when the level crosses its cap.
/// Same operations, same times, whatever the tree's shape. After <see cref="Reset(long, long, ReadOnlySpan{long})"/>
/// the flows sit instead in a <see cref="FairSharePreparedTree"/> over the prepared keys (same operations, values and
/// times; shallower and faster for a round).
/// </para>
/// <para>
/// Flow ids are small non-negative integers (the storage grows to the largest); an id is free again once its flow
/// has completed or been removed.
/// </para>
/// </remarks>
internal sealed class FairShareLink
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly FairShareTreap _tree = new();
    private readonly FairSharePreparedTree _preparedTree = new();
    private readonly List<int> _completed = [];
    private long _capacity;
    private bool _prepared;

    // What every shared flow has lost at the level since the reset: a shared flow's value is its remaining data plus
    // this offset.
    private Int128 _offset;

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
    public int ActiveCount => _prepared ? _preparedTree.Count : _tree.Count;

    /// <summary>The sum of the flows' rates from <see cref="Now"/> on, in bit/s.</summary>
    public long TotalRate
    {
        get
        {
            Settle();
            return _totalRate;
        }
    }

    /// <summary>The rate of <paramref name="flow"/>, whose cap is <paramref name="cap"/>, from <see cref="Now"/> on,
    /// within 1 bit/s (the flows at the shared level are all told the level, also the last few that get one more).</summary>
    /// <remarks>For observation (traces): it settles the rates as <see cref="TotalRate"/> does.</remarks>
    public long RateOf(int flow, long cap)
    {
        Settle();
        return FairShareTreap.KeyLess(cap, flow, _thresholdCap, _thresholdId) ? cap : _level;
    }

    /// <summary>The flows completed by the last <see cref="AdvanceTo"/>, in (cap, id) order (a reused list).</summary>
    public IReadOnlyList<int> Completed => _completed;

    /// <summary>Drops every flow and sets the capacity and the time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is negative.</exception>
    public void Reset(long capacity, long now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (_prepared)
        {
            _prepared = false;
        }
        else
        {
            _tree.Clear();
        }

        Start(capacity, now);
    }

    /// <summary>
    /// Drops every flow, sets the capacity and the time, and prepares flows 0 to caps.Length − 1 with these caps: the
    /// link then keeps exactly these flows in a balanced tree built once (O(M log M)), which a round of M uploads runs
    /// through faster than the general one. Until the next reset, <see cref="Add"/> takes only these ids and caps and
    /// <see cref="SetCap"/> throws.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The capacity is negative.</exception>
    public void Reset(long capacity, long now, ReadOnlySpan<long> caps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (!_prepared)
        {
            _tree.Clear();
        }

        _prepared = true;
        _preparedTree.Prepare(caps);
        Start(capacity, now);
    }

    private void Start(long capacity, long now)
    {
        _capacity = capacity;
        Now = now;
        _offset = 0;
        _completed.Clear();
        _thresholdCap = long.MinValue;
        _thresholdId = int.MinValue;
        _dirty = true;
    }

    /// <summary>Starts flow <paramref name="flow"/> of <paramref name="bits"/> capped at <paramref name="cap"/> bit/s, at <see cref="Now"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is negative, bits or cap below 1.</exception>
    /// <exception cref="ArgumentException">The flow is already in progress, or the link was reset with prepared flows and this id and cap are not one of them.</exception>
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

    /// <summary>Stops flow <paramref name="flow"/> at <see cref="Now"/>; returns its remaining data exactly, in bit·ns/s
    /// (to be given back to <see cref="Put"/> when the flow resumes).</summary>
    /// <exception cref="ArgumentException">The flow is not in progress.</exception>
    public Int128 Take(int flow) => Detach(flow);

    /// <summary>Starts flow <paramref name="flow"/> at <see cref="Now"/> with <paramref name="remaining"/> data in bit·ns/s
    /// (as <see cref="Take"/> returned it) capped at <paramref name="cap"/> bit/s.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is negative, the data not positive or the cap below 1.</exception>
    /// <exception cref="ArgumentException">The flow is already in progress.</exception>
    public void Put(int flow, Int128 remaining, long cap)
    {
        if (remaining <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(remaining), "A flow must have data left.");
        }

        Insert(flow, remaining, cap);
    }

    /// <summary>Changes flow <paramref name="flow"/>'s cap from <see cref="Now"/> on (its data so far is kept).</summary>
    /// <exception cref="ArgumentException">The flow is not in progress.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The cap is below 1.</exception>
    /// <exception cref="InvalidOperationException">The link was reset with prepared flows.</exception>
    public void SetCap(int flow, long cap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 1);
        if (_prepared)
        {
            throw new InvalidOperationException("A link with prepared flows cannot change a flow's cap.");
        }

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
            _next = ActiveCount == 0 ? long.MaxValue : FindNextCompletion();
        }

        return _next;
    }

    private long FindNextCompletion()
    {
        var next = _prepared ? _preparedTree.MinFinish : _tree.MinFinish;
        var split = ActiveCount - _top;
        var (atLevel, aboveLevel) = _prepared ? _preparedTree.Minima(split) : _tree.Minima(split);
        if (FairShareTreap.IsValue(atLevel))
        {
            next = Math.Min(next, Now + FairShareTreap.CeilingDivide(atLevel - _offset, _level));
        }

        if (FairShareTreap.IsValue(aboveLevel))
        {
            next = Math.Min(next, Now + FairShareTreap.CeilingDivide(aboveLevel - _offset, _level + 1));
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
        if (ActiveCount == 0)
        {
            Now = time;
            return;
        }

        var next = NextCompletion();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(time, next);
        var elapsed = time - Now;
        if (elapsed > 0)
        {
            _offset += (Int128)_level * elapsed;
            if (_top > 0 && _prepared)
            {
                _preparedTree.SubtractFromRank(ActiveCount - _top, elapsed);
            }
            else if (_top > 0)
            {
                _tree.SubtractFromRank(ActiveCount - _top, elapsed);
            }
        }

        Now = time;
        _next = -1;
        if (time == next)
        {
            if (_prepared)
            {
                _preparedTree.RemoveDone(_offset, time, _completed);
            }
            else
            {
                _tree.RemoveDone(_offset, time, _completed);
            }

            _dirty = true;
        }
    }

    private void Insert(int flow, Int128 remaining, long cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(flow);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, 1);
        var capped = FairShareTreap.KeyLess(cap, flow, _thresholdCap, _thresholdId);
        var value = capped ? remaining : remaining + _offset;
        var finish = capped ? FairShareTreap.FinishAtCap(remaining, cap, Now) : 0;
        if (_prepared)
        {
            _preparedTree.Insert(flow, cap, capped, value, Now, finish);
        }
        else
        {
            _tree.Insert(flow, cap, capped, value, Now, finish);
        }

        _dirty = true;
    }

    // Takes the flow out of the tree; returns its remaining data at Now.
    private Int128 Detach(int flow)
    {
        var (capped, value, since) = _prepared ? _preparedTree.Remove(flow) : _tree.Remove(flow);
        _dirty = true;
        var cap = _prepared ? _preparedTree.Cap(flow) : _tree.Cap(flow);
        return capped ? value - ((Int128)cap * (Now - since)) : value - _offset;
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
        var n = ActiveCount;
        if (n == 0)
        {
            _level = _top = 0;
            _totalRate = 0;
            return;
        }

        var (first, rank, capsBefore) = _prepared ? _preparedTree.FirstAbove(_capacity) : _tree.FirstAbove(_capacity);
        var (cap, id) = first < 0 ? (long.MaxValue, int.MaxValue)
            : (_prepared ? _preparedTree.Cap(first) : _tree.Cap(first), first);
        if (FairShareTreap.KeyLess(cap, id, _thresholdCap, _thresholdId))
        {
            ConvertRange((cap, id), (_thresholdCap, _thresholdId), toCapped: false);
        }
        else if (FairShareTreap.KeyLess(_thresholdCap, _thresholdId, cap, id))
        {
            ConvertRange((_thresholdCap, _thresholdId), (cap, id), toCapped: true);
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

    private void ConvertRange((long Cap, int Id) from, (long Cap, int Id) to, bool toCapped)
    {
        if (_prepared)
        {
            _preparedTree.ConvertRange(from, to, toCapped, Now, _offset);
        }
        else
        {
            _tree.ConvertRange(from, to, toCapped, Now, _offset);
        }
    }
}
