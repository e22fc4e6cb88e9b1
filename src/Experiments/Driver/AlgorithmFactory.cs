using System.Numerics;
using Sasg.Learning.Algorithms;

namespace Sasg.Experiments.Driver;

/// <summary>Builds a method from its spec: the one place that maps scenario names and parameters to constructors.</summary>
public static class AlgorithmFactory
{
    private static readonly string[] Known =
    [
        "GD", "SGD", "LAG-WK", "LAG-PS", "Cyc-IAG", "Num-IAG", "LASG-WK2", "LASG-SASG", "LASG-PS", "Top-k", "Random-k", "SASG",
        "Sign-SGD", "QSGD", "LAQ",
    ];

    /// <summary>The method names <see cref="Create{T}"/> accepts.</summary>
    public static IReadOnlyList<string> KnownNames => Known;

    /// <summary>How many gradient evaluations one worker step of <paramref name="spec"/> costs (2 for the
    /// same-sample rules), for the compute model.</summary>
    public static int EvaluationsPerStep(AlgorithmSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Name.ToUpperInvariant() is "LASG-WK2" or "LASG-SASG" or "SASG" ? 2 : 1;
    }

    /// <summary>The method for <paramref name="spec"/> starting at <paramref name="initial"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name or bad parameter; the message says which and what is accepted.</exception>
    public static DistributedAlgorithm<T> Create<T>(AlgorithmSpec spec, AlgorithmContext context, ReadOnlySpan<T> initial)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Workers;
        var alpha = context.StepSize;
        switch (spec.Name.ToUpperInvariant())
        {
            case "GD":
                return new GradientDescentAlgorithm<T>("GD", m, initial, alpha, spec.Switch("codeFaithful", false));
            case "SGD":
                return new GradientDescentAlgorithm<T>("SGD", m, initial, alpha);
            case "LAG-WK":
                {
                    var window = spec.WholeNumber("window", 10);
                    return new LagWkAlgorithm<T>(
                        m,
                        initial,
                        alpha,
                        window,
                        spec.Number("xi", 1.0 / window),
                        spec.Switch("codeFaithful", false),
                        WarmUp(spec, window));
                }

            case "LAG-PS":
                {
                    var window = spec.WholeNumber("window", 10);
                    return new LagPsAlgorithm<T>(
                        m,
                        initial,
                        alpha,
                        NeedSmoothness(spec, context),
                        window,
                        spec.Number("xi", 1.0),
                        spec.Switch("codeFaithful", false),
                        WarmUp(spec, window));
                }

            case "CYC-IAG":
                return new IagAlgorithm<T>(
                    IagOrder.Cyclic, m, initial, alpha * spec.Number("stepScale", 1.0 / m), codeFaithful: spec.Switch("codeFaithful", false));
            case "NUM-IAG":
                return new IagAlgorithm<T>(
                    IagOrder.Smoothness,
                    m,
                    initial,
                    alpha * spec.Number("stepScale", 1.0 / m),
                    NeedSmoothness(spec, context),
                    context.Seed,
                    spec.Switch("codeFaithful", false));
            case "LASG-WK2":
                {
                    var window = spec.WholeNumber("window", 10);
                    return new LasgWk2Algorithm<T>(m, initial, alpha, window, spec.Number("xi", 1.0 / window), spec.WholeNumber("delayBound", 50));
                }

            case "LASG-SASG":
                {
                    var maxDelay = spec.WholeNumber("maxDelay", 10);
                    return new LasgSasgCodeAlgorithm<T>(
                        m, initial, alpha, maxDelay, spec.Number("divisor", 2.0), spec.WholeNumber("warmUp", maxDelay));
                }

            case "LASG-PS":
                {
                    var window = spec.WholeNumber("window", 10);
                    return new LasgPsAlgorithm<T>(
                        m,
                        initial,
                        alpha,
                        SquaredSmoothness(spec, context),
                        window,
                        spec.Number("xi", 1.0 / window),
                        spec.WholeNumber("delayBound", 50));
                }

            case "TOP-K":
                return new TopKAlgorithm<T>(m, initial, alpha, context.Blocks, spec.Number("fraction", 0.01));
            case "SASG":
                {
                    var maxDelay = spec.WholeNumber("maxDelay", 10);
                    return new SasgAlgorithm<T>(
                        m,
                        initial,
                        alpha,
                        context.Blocks,
                        spec.Number("fraction", 0.01),
                        maxDelay,
                        spec.Number("divisor", 2.0),
                        spec.WholeNumber("warmUp", maxDelay));
                }

            case "RANDOM-K":
                return new RandomKAlgorithm<T>(m, initial, alpha, context.Blocks, spec.Number("fraction", 0.01), context.Seed);
            case "SIGN-SGD":
                return new SignSgdAlgorithm<T>(m, initial, alpha);
            case "QSGD":
                return new QsgdAlgorithm<T>(m, initial, alpha, spec.WholeNumber("levels", 7), context.Seed);
            case "LAQ":
                return new LaqAlgorithm<T>(
                    m,
                    initial,
                    alpha,
                    spec.WholeNumber("bits", 4),
                    spec.WholeNumber("window", 10),
                    spec.Number("xiSum", 0.8),
                    spec.WholeNumber("clockBound", 100));
            default:
                throw new ArgumentException(
                    $"Unknown algorithm '{spec.Name}'; known: {string.Join(", ", Known)}.", nameof(spec));
        }
    }

    // LAG's code-faithful warm-up (iterations with nobody asked); at least 1, default the window D.
    private static int WarmUp(AlgorithmSpec spec, int window)
    {
        var warmUp = spec.WholeNumber("warmUp", window);
        return warmUp >= 1 ? warmUp : throw new ArgumentException(
            $"Algorithm '{spec.Label}': parameter 'warmUp' must be at least 1 (the code-faithful start steps with stored ones), not {warmUp}.");
    }

    private static IReadOnlyList<double> NeedSmoothness(AlgorithmSpec spec, AlgorithmContext context) =>
        context.Smoothness ?? throw new ArgumentException(
            $"Algorithm '{spec.Label}': {spec.Name} needs per-worker smoothness constants, which only the linear and logistic models have.");

    // LASG-PS: an explicit "l2" is L_m^2 for every worker (the authors' code: 0.1); without it, L_m^2 from the model's
    // smoothness constants when known, else the code's 0.1.
    private static double[] SquaredSmoothness(AlgorithmSpec spec, AlgorithmContext context) =>
        spec.Parameters.ContainsKey("l2") || context.Smoothness is null
            ? Enumerable.Repeat(spec.Number("l2", LasgPsAlgorithm<double>.CodeSquaredSmoothness), context.Workers).ToArray()
            : context.Smoothness.Select(l => l * l).ToArray();
}
