namespace Sasg.Experiments.Sweeps;

/// <summary>A cell that has just finished and been persisted (its <c>done</c> marker written).</summary>
/// <param name="Index">The cell's position in expansion order.</param>
/// <param name="Id">The cell's stable 12-hex-digit id (its folder name under <c>cells/</c>).</param>
/// <param name="Label">The cell's readable label, for example <c>uplink=10Mbps,workers=3</c>.</param>
/// <param name="Replayed">Whether its times came from replaying another cell's decisions (else it trained).</param>
/// <param name="Elapsed">Wall-clock time the cell took (planning, training or replay, writing).</param>
public sealed record SweepCellReport(int Index, string Id, string Label, bool Replayed, TimeSpan Elapsed);
