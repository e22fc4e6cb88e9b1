using System.Globalization;

namespace Sasg.NetSim.Network;

/// <summary>A named distribution of compute-time multipliers (straggler noise), sampled from a worker's stream.</summary>
public abstract class StragglerNoise
{
    private protected StragglerNoise()
    {
    }

    /// <summary>No noise: every multiplier is 1.</summary>
    public static StragglerNoise None { get; } = new ConstantNoise(1.0);

    /// <summary>The distribution's name and parameters, as <see cref="Parse"/> reads them.</summary>
    public abstract string Description { get; }

    /// <summary>Always <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN, infinite or negative.</exception>
    public static StragglerNoise Constant(double value) => new ConstantNoise(RequireFinite(value, nameof(value)));

    /// <summary>Uniform on [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN, infinite or negative, or high is below low.</exception>
    public static StragglerNoise Uniform(double low, double high)
    {
        RequireFinite(low, nameof(low));
        RequireFinite(high, nameof(high));
        ArgumentOutOfRangeException.ThrowIfLessThan(high, low);
        return new UniformNoise(low, high);
    }

    /// <summary>exp(N(<paramref name="mu"/>, <paramref name="sigma"/>²)); mu = -sigma²/2 gives mean 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mu is not finite or sigma is negative or not finite.</exception>
    public static StragglerNoise LogNormal(double mu, double sigma)
    {
        if (!double.IsFinite(mu))
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "mu must be finite.");
        }

        RequireFinite(sigma, nameof(sigma));
        return new LogNormalNoise(mu, sigma);
    }

    /// <summary>Reads "constant(v)", "uniform(low,high)" or "lognormal(mu,sigma)" (invariant culture).</summary>
    /// <exception cref="ArgumentException">The name is unknown or the parameters do not fit; parameter "text".</exception>
    public static StragglerNoise Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var name = (open < 0 ? text : text[..open]).Trim().ToLowerInvariant();
        var parameters = open < 0 || !text.TrimEnd().EndsWith(')')
            ? []
            : text[(open + 1)..text.LastIndexOf(')')]
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN)
                .ToArray();
        try
        {
            return (name, parameters.Length) switch
            {
                ("none", 0) => None,
                ("constant", 1) => Constant(parameters[0]),
                ("uniform", 2) => Uniform(parameters[0], parameters[1]),
                ("lognormal", 2) => LogNormal(parameters[0], parameters[1]),
                _ => throw new ArgumentException(
                    $"Unknown straggler noise '{text}'; use none, constant(v), uniform(low,high) or lognormal(mu,sigma).",
                    nameof(text)),
            };
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new ArgumentException($"Bad straggler noise '{text}': {exception.Message}", nameof(text), exception);
        }
    }

    /// <summary>One multiplier drawn from <paramref name="stream"/>; never negative.</summary>
    public abstract double Sample(SeededRandom stream);

    /// <inheritdoc/>
    public override string ToString() => Description;

    private static double RequireFinite(double value, string name)
    {
        return double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite, non-negative number.");
    }

    private sealed class ConstantNoise(double value) : StragglerNoise
    {
        public override string Description => string.Create(CultureInfo.InvariantCulture, $"constant({value:R})");

        public override double Sample(SeededRandom stream) => value;
    }

    private sealed class UniformNoise(double low, double high) : StragglerNoise
    {
        public override string Description => string.Create(CultureInfo.InvariantCulture, $"uniform({low:R},{high:R})");

        public override double Sample(SeededRandom stream) => low + ((high - low) * stream.NextDouble());
    }

    private sealed class LogNormalNoise(double mu, double sigma) : StragglerNoise
    {
        public override string Description => string.Create(CultureInfo.InvariantCulture, $"lognormal({mu:R},{sigma:R})");

        public override double Sample(SeededRandom stream) => Math.Exp(mu + (sigma * stream.NextGaussian()));
    }
}
