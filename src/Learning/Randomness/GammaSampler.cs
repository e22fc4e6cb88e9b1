namespace Sasg.Learning.Randomness;

/// <summary>Gamma and Dirichlet draws on a <see cref="SeededRandom"/>, reproducible on every platform.</summary>
/// <remarks>
/// Gamma(shape, 1) by Marsaglia and Tsang, "A simple method for generating gamma variables" (ACM TOMS 26(3), 2000);
/// for shape &lt; 1 the draw is Gamma(shape + 1) * U^(1/shape), as in section 6 of that paper.
/// </remarks>
public static class GammaSampler
{
    /// <summary>One draw from Gamma(<paramref name="shape"/>, scale 1); the result is non-negative.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> is not a positive finite number.</exception>
    public static double NextGamma(SeededRandom random, double shape)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(shape > 0) || double.IsInfinity(shape))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "The Gamma shape must be positive and finite.");
        }

        if (shape < 1)
        {
            var boost = Math.Pow(random.NextOpenDouble(), 1.0 / shape);
            return NextGamma(random, shape + 1) * boost;
        }

        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x;
            double v;
            do
            {
                x = random.NextGaussian();
                v = 1.0 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = random.NextOpenDouble();
            if (u < 1.0 - (0.0331 * x * x * x * x) || Math.Log(u) < (0.5 * x * x) + (d * (1.0 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    /// <summary>One draw from the symmetric Dirichlet(<paramref name="alpha"/>, ..., alpha) over <paramref name="count"/> parts.</summary>
    /// <remarks>
    /// Normalised Gamma draws. For a tiny alpha every Gamma draw may underflow to zero; the whole mass then goes to one
    /// uniformly chosen part, which is the limit of the distribution as alpha goes to zero.
    /// </remarks>
    public static double[] NextDirichlet(SeededRandom random, double alpha, int count)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var result = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            result[i] = NextGamma(random, alpha);
            sum += result[i];
        }

        if (sum <= 0 || double.IsInfinity(sum))
        {
            Array.Clear(result);
            result[random.NextInt(count)] = 1.0;
            return result;
        }

        for (var i = 0; i < count; i++)
        {
            result[i] /= sum;
        }

        return result;
    }
}
