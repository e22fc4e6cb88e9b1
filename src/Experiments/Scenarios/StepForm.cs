namespace Sasg.Experiments.Scenarios;

/// <summary>How the server combines worker gradients with the step size (<c>training.stepForm</c>).</summary>
public enum StepForm
{
    /// <summary>"sum": theta -= stepSize * sum over workers of g_m.</summary>
    Sum,

    /// <summary>"mean": theta -= stepSize / M * sum over workers of g_m.</summary>
    Mean,
}
