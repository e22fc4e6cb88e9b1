namespace Sasg.Experiments.Scenarios;

/// <summary>How long and how the model is trained (<c>training</c>); exactly one of iterations and epochs is set.</summary>
/// <param name="Iterations">The number of iterations (rounds), or null when <paramref name="Epochs"/> is given.</param>
/// <param name="Epochs">The number of passes over the data (may be fractional), or null when iterations are given.</param>
/// <param name="BatchSize">Samples per worker per iteration, or null for the full local batch.</param>
/// <param name="StepSize">The step size, or null for 1/L of the summed loss (linear and logistic only).</param>
/// <param name="StepForm">Whether the step multiplies the sum or the mean of the worker gradients; default sum.</param>
/// <param name="Schedule">Piecewise-constant step-size changes, by increasing epoch; default none.</param>
/// <param name="Augmentation">How minibatches are augmented as they are drawn; default none.</param>
public sealed record ScenarioTraining(
    int? Iterations,
    double? Epochs,
    int? BatchSize,
    double? StepSize,
    StepForm StepForm,
    IReadOnlyList<ScenarioStepChange> Schedule,
    TrainingAugmentation Augmentation = TrainingAugmentation.None)
{
    /// <summary>Whether every worker uses its whole shard each iteration.</summary>
    public bool FullBatch => BatchSize is null;

    /// <summary>Whether the step size is 1/L, computed from the data.</summary>
    public bool StepSizeIsOneOverL => StepSize is null;
}
