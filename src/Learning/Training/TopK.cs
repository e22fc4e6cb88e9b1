using Sasg.Learning.Runtime;
using static TorchSharp.torch;

namespace Sasg.Learning.Training;

/// <summary>Top-k accuracy of class scores: a sample counts when its label is among the k highest of its outputs.</summary>
/// <remarks>
/// With C classes, k is min(k, C), so top-5 of a 3-class problem is 1. Ties are broken as <c>argmax</c> breaks them for
/// top-1 (libtorch returns the first maximal index): the label's rank is the number of classes scored above it plus
/// the number of lower-indexed classes scored equal to it, and the sample counts when that rank is below k. Top-1 by
/// this rule is exactly the argmax accuracy.
/// </remarks>
public static class TopK
{
    /// <summary>How many rows of <paramref name="scores"/> [n, C] have their label (<paramref name="labels"/>, int64 [n])
    /// among the top <paramref name="k"/> (see the remarks).</summary>
    public static long Correct(Tensor scores, Tensor labels, int k)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        using var scope = NewDisposeScope();
        var classes = scores.shape[1];
        var label = labels.unsqueeze(1);
        var labelScore = scores.gather(1, label);
        var above = scores.gt(labelScore);
        var indices = new long[classes];
        for (var c = 0; c < indices.Length; c++)
        {
            indices[c] = c;
        }

        // The class indices come from a managed array: arange would take them as implicit Scalars (architecture.md).
        var lowerIndex = tensor(indices).unsqueeze(0).lt(label);
        var equalBefore = scores.eq(labelScore).logical_and(lowerIndex);
        var rank = above.logical_or(equalBefore).sum(1);
        return TensorScalars.ToInt64(TensorScalars.AtMost(rank, Math.Min(k, classes) - 1L).sum());
    }
}
