using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

/// <summary>Running totals over the rounds of a parameter-server run.</summary>
internal struct RunTotals
{
    private long _uploads;
    private long _skipped;
    private long _idle;
    private long _bytes;

    public void Add(RoundTiming timing)
    {
        _uploads += timing.UploadCount;
        // A skip is a worker that computed and chose not to upload; an idle worker (not asked) is counted apart.
        _skipped += timing.WorkerCount - timing.UploadCount - timing.IdleCount;
        _idle += timing.IdleCount;
        _bytes += timing.UploadedBytes.Bytes;
    }

    public readonly ParameterServerRunSummary Summary(int rounds, SimTime end)
    {
        return new ParameterServerRunSummary(rounds, end, _uploads, _skipped, _idle, DataSize.FromBytes(_bytes));
    }
}
