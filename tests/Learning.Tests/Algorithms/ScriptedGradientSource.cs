using Sasg.Learning.Algorithms;

namespace Sasg.Learning.Tests.Algorithms;

/// <summary>A gradient source for rule tests without a model: a fixed vector, or a fresh seeded random one per batch.</summary>
internal sealed class ScriptedGradientSource<T> : IGradientSource<T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly Random? _random;

    public ScriptedGradientSource(T[] fixedGradient)
    {
        Current = fixedGradient;
    }

    public ScriptedGradientSource(int dimension, int seed)
    {
        Current = new T[dimension];
        _random = new Random(seed);
        NextBatch();
    }

    public T[] Current { get; }

    public int Dimension => Current.Length;

    public void NextBatch()
    {
        if (_random is null)
        {
            return;
        }

        for (var i = 0; i < Current.Length; i++)
        {
            Current[i] = T.CreateTruncating(_random.NextDouble() - 0.5);
        }
    }

    public ReadOnlySpan<T> Gradient(ReadOnlySpan<T> point, long pointVersion) => Current;
}
