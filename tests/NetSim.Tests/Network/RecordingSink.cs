using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Tests.Network;

/// <summary>Keeps every record, for assertions.</summary>
internal sealed class RecordingSink : ITraceSink
{
    public List<TraceRecord> Records { get; } = [];

    public void Write(in TraceRecord record) => Records.Add(record);
}
