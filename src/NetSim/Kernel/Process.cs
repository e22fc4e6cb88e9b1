namespace Sasg.NetSim.Kernel;

/// <summary>
/// A process: an iterator of events, resumed each time the event it yielded is processed. The process is itself an
/// event that succeeds when the iterator ends, so other processes can wait for it.
/// </summary>
/// <remarks>
/// An exception thrown by the iterator, or a failed event it waits on, ends <see cref="Simulation.Run()"/> with a
/// <see cref="ProcessFailedException"/> that names the process.
/// </remarks>
public sealed class Process : Event, IEventListener
{
    private readonly IEnumerator<Event> _steps;
    private bool _started;

    internal Process(Simulation simulation, IEnumerable<Event> steps, string name)
        : base(simulation)
    {
        _steps = steps.GetEnumerator();
        Name = name;

        // The start is a calendar entry for this object while it is still pending as an event; Fire tells them apart.
        simulation.ScheduleStart(this);
    }

    /// <summary>The name used in errors and traces.</summary>
    public string Name { get; }

    /// <summary>Whether the iterator is still running (started or not, and not yet finished).</summary>
    public bool IsAlive => !IsTriggered;

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <inheritdoc/>
    internal override void Fire()
    {
        if (!_started)
        {
            _started = true;
            Resume();
            return;
        }

        base.Fire();
    }

    void IEventListener.OnProcessed(Event processed)
    {
        if (!processed.IsOk)
        {
            throw new ProcessFailedException(Name, Simulation.Now, processed.Exception!);
        }

        Resume();
    }

    private void Resume()
    {
        while (true)
        {
            bool moved;
            try
            {
                moved = _steps.MoveNext();
            }
            catch (Exception exception) when (exception is not ProcessFailedException)
            {
                throw new ProcessFailedException(Name, Simulation.Now, exception);
            }

            if (!moved)
            {
                _steps.Dispose();
                Succeed();
                return;
            }

            var next = _steps.Current ?? throw new ProcessFailedException(
                Name, Simulation.Now, new InvalidOperationException("The process yielded null instead of an event."));
            if (!ReferenceEquals(next.Simulation, Simulation))
            {
                throw new ProcessFailedException(
                    Name, Simulation.Now, new InvalidOperationException("The process yielded another simulation's event."));
            }

            if (next.IsProcessed)
            {
                if (!next.IsOk)
                {
                    throw new ProcessFailedException(Name, Simulation.Now, next.Exception!);
                }

                continue;
            }

            next.AddListener(this);
            return;
        }
    }
}
