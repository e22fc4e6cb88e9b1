namespace Sasg.NetSim.Kernel;

/// <summary>
/// A discrete-event simulation: a clock in whole nanoseconds and one calendar of events ordered by
/// (time, priority, insertion sequence).
/// </summary>
/// <remarks>
/// Ties in time and priority are processed in the order they were scheduled, identically on every run. The kernel
/// is single-threaded and allocates nothing per event in steady state when processes wait on
/// <see cref="Timeout(SimTime)"/>.
/// </remarks>
public sealed class Simulation
{
    private readonly Calendar _calendar = new();
    private Timeout[] _timeoutPool = new Timeout[16];
    private int _timeoutPoolCount;
    private long _now;
    private int _processCount;

    /// <summary>The current simulated time.</summary>
    public SimTime Now => new(_now);

    /// <summary>The number of events processed so far (process starts included).</summary>
    public long ProcessedEvents { get; private set; }

    /// <summary>The number of events on the calendar.</summary>
    public int ScheduledEvents => _calendar.Count;

    /// <summary>Starts a process from <paramref name="steps"/> at the current time, before normal events of this instant.</summary>
    /// <param name="steps">The iterator; it runs when the simulation runs.</param>
    /// <param name="name">A name for errors and traces; "process N" when omitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="steps"/> is null.</exception>
    public Process Process(IEnumerable<Event> steps, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return new Process(this, steps, name ?? $"process {_processCount++}");
    }

    /// <summary>A pooled timeout that succeeds <paramref name="delay"/> from now; yield it at once and do not keep it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public Timeout Timeout(SimTime delay)
    {
        var timeout = _timeoutPoolCount > 0 ? _timeoutPool[--_timeoutPoolCount] : Kernel.Timeout.CreatePooled(this);
        timeout.Arm(delay);
        return timeout;
    }

    /// <summary>A pending event of this simulation, to be triggered by the caller.</summary>
    public Event Event() => new(this);

    /// <summary>Triggers <paramref name="item"/> successfully <paramref name="delay"/> from now.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="delay"/> is negative or <paramref name="priority"/> is outside -128..127.
    /// </exception>
    /// <exception cref="InvalidOperationException">The event was already triggered or belongs to another simulation.</exception>
    public void Schedule(Event item, SimTime delay, EventPriority priority = EventPriority.Normal)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (delay.Nanoseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay must not be negative.");
        }

        if ((short)priority is < sbyte.MinValue or > sbyte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "The priority must be within -128..127.");
        }

        if (!ReferenceEquals(item.Simulation, this))
        {
            throw new InvalidOperationException("The event belongs to another simulation.");
        }

        item.EnsurePending();
        item.MarkTriggered();
        _calendar.Push(checked(_now + delay.Nanoseconds), priority, item);
    }

    /// <summary>Processes the next event, if any; returns false when the calendar is empty.</summary>
    public bool Step()
    {
        if (_calendar.Count == 0)
        {
            return false;
        }

        ProcessNext();
        return true;
    }

    /// <summary>Processes events until the calendar is empty.</summary>
    /// <exception cref="ProcessFailedException">A process threw or waited on a failed event.</exception>
    public void Run()
    {
        var calendar = _calendar;
        while (calendar.Count > 0)
        {
            ProcessNext();
        }
    }

    /// <summary>
    /// Processes every event due strictly before <paramref name="until"/>, then sets the clock to
    /// <paramref name="until"/>; events due at <paramref name="until"/> or later stay on the calendar.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="until"/> is earlier than <see cref="Now"/>.</exception>
    /// <exception cref="ProcessFailedException">A process threw or waited on a failed event.</exception>
    public void Run(SimTime until)
    {
        if (until.Nanoseconds < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, "The end time must not be earlier than Now.");
        }

        var calendar = _calendar;
        while (calendar.Count > 0 && calendar.PeekTime < until.Nanoseconds)
        {
            ProcessNext();
        }

        _now = until.Nanoseconds;
    }

    internal void ScheduleTriggered(Event item, SimTime delay)
    {
        if (delay.Nanoseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay must not be negative.");
        }

        _calendar.Push(checked(_now + delay.Nanoseconds), EventPriority.Normal, item);
    }

    internal void ScheduleStart(Process process) => _calendar.Push(_now, EventPriority.Urgent, process);

    internal void ReturnTimeout(Timeout timeout)
    {
        if (_timeoutPoolCount == _timeoutPool.Length)
        {
            Array.Resize(ref _timeoutPool, _timeoutPool.Length * 2);
        }

        _timeoutPool[_timeoutPoolCount++] = timeout;
    }

    private void ProcessNext()
    {
        var item = _calendar.Pop(out var time);
        _now = time;
        ProcessedEvents++;
        item.Fire();
    }
}
