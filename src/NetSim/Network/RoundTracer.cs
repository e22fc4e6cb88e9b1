using Sasg.NetSim.Kernel;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Network;

/// <summary>Writes one round's spans to a trace sink in a fixed order: by kind, then by worker.</summary>
/// <remarks>An idle worker (<see cref="WorkerAction.Idle"/>) computes nothing and sends nothing, so it gets no compute,
/// skip or upload record; only the model's broadcast to it, which the round does send, is written.</remarks>
internal static class RoundTracer
{
    public static void Write(ITraceSink sink, RoundTiming t, ParameterServerOptions options)
    {
        var round = t.Round;
        for (var w = 0; w < t.WorkerCount; w++)
        {
            sink.Write(new TraceRecord(
                Ns(t.BroadcastSendStart[w]), Ns(t.ModelReceived[w]), w, TraceKind.Broadcast, round, options.ModelSize.Bytes));
        }

        for (var w = 0; w < t.WorkerCount; w++)
        {
            if (t.Idle[w])
            {
                continue;
            }

            if (t.RequestReceived[w] >= 0)
            {
                sink.Write(new TraceRecord(
                    Ns(t.RequestReceived[w]), Ns(t.RequestReceived[w]), w, TraceKind.Request, round, options.RequestSize.Bytes));
            }

            sink.Write(new TraceRecord(Ns(t.ModelReceived[w]), Ns(t.ComputeEnd[w]), w, TraceKind.Compute, round, 0));
        }

        for (var w = 0; w < t.WorkerCount; w++)
        {
            if (t.Idle[w])
            {
                continue;
            }

            if (!t.Uploads[w])
            {
                sink.Write(new TraceRecord(Ns(t.ComputeEnd[w]), Ns(t.Reported[w]), w, TraceKind.Skip, round, 0));
                continue;
            }

            var bytes = t.UploadBytes[w];
            sink.Write(new TraceRecord(Ns(t.UploadStart[w]), Ns(t.ReceiveEnd[w]), w, TraceKind.Upload, round, bytes));
            if (options.Ingress == IngressPolicy.SequentialPush)
            {
                sink.Write(new TraceRecord(
                    Ns(t.IngressArrival[w]), Ns(t.ReceiveStart[w]), w, TraceKind.QueueWait, round, 0));
            }

            sink.Write(new TraceRecord(Ns(t.ReceiveStart[w]), Ns(t.ReceiveEnd[w]), w, TraceKind.Receive, round, bytes));
        }

        sink.Write(new TraceRecord(t.AggregationStart, t.End, TraceRecord.ServerNode, TraceKind.Aggregate, round, 0));
        sink.Write(new TraceRecord(t.Start, t.End, TraceRecord.ServerNode, TraceKind.Round, round, t.UploadedBytes.Bytes));
    }

    private static SimTime Ns(long nanoseconds) => SimTime.FromNanoseconds(nanoseconds);
}
