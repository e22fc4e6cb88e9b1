using System.Diagnostics.CodeAnalysis;

namespace Sasg.NetSim.Kernel;

/// <summary>An event that carries a value of type <typeparamref name="T"/> once it succeeds.</summary>
/// <typeparam name="T">The type of the value.</typeparam>
[SuppressMessage("Naming", "CA1716", Justification = "Event is the domain name (SimPy, SimSharp); C# is the only consumer.")]
public sealed class Event<T> : Event
{
    private T? _value;

    /// <summary>Creates a pending event of <paramref name="simulation"/>.</summary>
    public Event(Simulation simulation)
        : base(simulation)
    {
    }

    /// <summary>The value given to <see cref="Succeed(T, EventPriority)"/>.</summary>
    /// <exception cref="InvalidOperationException">The event has not succeeded.</exception>
    public T Value => IsTriggered && IsOk
        ? _value!
        : throw new InvalidOperationException("The event has no value: it is pending or failed.");

    /// <summary>Triggers the event successfully now with <paramref name="value"/>.</summary>
    /// <exception cref="InvalidOperationException">The event was already triggered.</exception>
    public void Succeed(T value, EventPriority priority = EventPriority.Normal)
    {
        EnsurePending();
        _value = value;
        Succeed(priority);
    }
}
