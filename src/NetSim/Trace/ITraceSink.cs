namespace Sasg.NetSim.Trace;

/// <summary>Receives trace records; observation only, it never changes what is simulated.</summary>
public interface ITraceSink
{
    /// <summary>Takes one record; records of a round arrive together, rounds in order.</summary>
    void Write(in TraceRecord record);
}
