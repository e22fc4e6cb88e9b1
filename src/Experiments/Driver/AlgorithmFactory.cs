using System.Numerics;
using Sasg.Learning.Algorithms;

namespace Sasg.Experiments.Driver;

/// <summary>Builds a method from its spec: the one place that maps scenario names and parameters to constructors.</summary>
public static class AlgorithmFactory
{
    private static readonly string[] Known = ["GD", "SGD", "LAG-WK", "LAG-PS", "LASG-WK2", "Top-k", "SASG"];

    /// <summary>The method names <see cref="Create{T}"/> accepts.</summary>
    public static IReadOnlyList<string> KnownNames => Known;

    /// <summary>How many gradient evaluations one worker step of <paramref name="spec"/> costs (2 for the
    /// same-sample rules), for the compute model.</summary>
    public static int EvaluationsPerStep(AlgorithmSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Name.ToUpperInvariant() is "LASG-WK2" or "SASG" ? 2 : 1;
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
                return new GradientDescentAlgorithm<T>("GD", m, initial, alpha);
            case "SGD":
                return new GradientDescentAlgorithm<T>("SGD", m, initial, alpha);
            case "LAG-WK":
            {
                var window = spec.WholeNumber("window", 10);
                return new LagWkAlgorithm<T>(m, initial, alpha, window, spec.Number("xi", 1.0 / window));
            }

            case "LAG-PS":
                return new LagPsAlgorithm<T>(
                    m,
                    initial,
                    alpha,
                    context.Smoothness ?? throw new ArgumentException(
                        $"Algorithm '{spec.Label}': LAG-PS needs per-worker smoothness constants, which only the linear and logistic models have."),
                    spec.WholeNumber("window", 10),
                    spec.Number("xi", 1.0));
            case "LASG-WK2":
            {
                var window = spec.WholeNumber("window", 10);
                return new LasgWk2Algorithm<T>(m, initial, alpha, window, spec.Number("xi", 1.0 / window), spec.WholeNumber("delayBound", 50));
            }

            case "TOP-K":
                return new TopKAlgorithm<T>(m, initial, alpha, context.Blocks, spec.Number("fraction", 0.01));
            case "SASG":
                return new SasgAlgorithm<T>(
                    m,
                    initial,
                    alpha,
                    context.Blocks,
                    spec.Number("fraction", 0.01),
                    spec.WholeNumber("maxDelay", 10),
                    spec.Number("divisor", 2.0));
            default:
                throw new ArgumentException(
                    $"Unknown algorithm '{spec.Name}'; known: {string.Join(", ", Known)}.", nameof(spec));
        }
    }
}
