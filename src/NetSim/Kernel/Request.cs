namespace Sasg.NetSim.Kernel;

/// <summary>A request for one unit of a <see cref="Resource"/>: succeeds when granted; disposing it releases the unit.</summary>
public sealed class Request : Event, IDisposable
{
    private readonly Resource _resource;

    internal Request(Resource resource)
        : base(resource.Simulation)
    {
        _resource = resource;
    }

    /// <summary>Whether a unit was granted to this request.</summary>
    public bool IsGranted { get; private set; }

    /// <summary>Whether the request was disposed (released or withdrawn).</summary>
    public bool IsWithdrawn { get; private set; }

    /// <summary>Releases the unit, or withdraws the request if it is still waiting; a second call does nothing.</summary>
    public void Dispose()
    {
        if (IsWithdrawn)
        {
            return;
        }

        IsWithdrawn = true;
        _resource.Withdraw(this);
    }

    internal void Grant()
    {
        IsGranted = true;
        Succeed();
    }
}
