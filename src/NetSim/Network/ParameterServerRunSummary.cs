using Sasg.NetSim.Kernel;

namespace Sasg.NetSim.Network;

/// <summary>Totals of a parameter-server run.</summary>
/// <param name="Rounds">The number of rounds simulated.</param>
/// <param name="End">When the last round ended.</param>
/// <param name="Uploads">The number of uploads.</param>
/// <param name="UploadsSkipped">The number of skipped uploads: a worker computed and chose not to upload (idle workers
/// excluded).</param>
/// <param name="IdleWorkerRounds">The number of (worker, round) pairs in which the worker was idle
/// (<see cref="WorkerAction.Idle"/>: not asked, no compute, no message).</param>
/// <param name="UploadedBytes">The payload bytes uploaded (overheads excluded).</param>
public sealed record ParameterServerRunSummary(
    int Rounds, SimTime End, long Uploads, long UploadsSkipped, long IdleWorkerRounds, DataSize UploadedBytes);
