namespace Sasg.Learning.Algorithms;

/// <summary>How an incremental aggregated gradient method picks the one worker that refreshes per iteration.</summary>
public enum IagOrder
{
    /// <summary>Cyc-IAG: workers in turn, 0, 1, ..., M - 1, 0, ...</summary>
    Cyclic,

    /// <summary>Num-IAG: worker m with probability L_m / sum_j L_j, independently each iteration.</summary>
    Smoothness,
}
