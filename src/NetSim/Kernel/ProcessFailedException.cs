namespace Sasg.NetSim.Kernel;

/// <summary>Thrown out of <see cref="Simulation.Run()"/> when a process throws or waits on a failed event.</summary>
public sealed class ProcessFailedException : Exception
{
    /// <summary>Creates the exception for the process named <paramref name="processName"/>.</summary>
    public ProcessFailedException(string processName, SimTime time, Exception innerException)
        : base($"Process '{processName}' failed at {time}: {innerException?.Message}", innerException)
    {
        ProcessName = processName;
        Time = time;
    }

    /// <summary>The name of the failing process.</summary>
    public string ProcessName { get; } = string.Empty;

    /// <summary>The simulated time of the failure.</summary>
    public SimTime Time { get; }
}
