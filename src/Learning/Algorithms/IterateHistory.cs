namespace Sasg.Learning.Algorithms;

/// <summary>The last squared iterate changes ||theta^{k+1-d} - theta^{k-d}||^2, d = 1..capacity (newest first).</summary>
public sealed class IterateHistory
{
    private readonly double[] _ring;
    private int _next;

    /// <summary>A history that keeps <paramref name="capacity"/> changes.</summary>
    public IterateHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new double[capacity];
    }

    /// <summary>How many changes are held (fewer than the capacity in the first iterations).</summary>
    public int Count { get; private set; }

    /// <summary>The most changes kept.</summary>
    public int Capacity => _ring.Length;

    /// <summary>The d-th most recent change (d = 1 is the newest); 0 when fewer than d are held.</summary>
    public double this[int d] => d >= 1 && d <= Count ? _ring[(_next - d + _ring.Length) % _ring.Length] : 0;

    /// <summary>Records the newest change.</summary>
    public void Push(double squaredChange)
    {
        _ring[_next] = squaredChange;
        _next = (_next + 1) % _ring.Length;
        Count = Math.Min(Count + 1, _ring.Length);
    }

    /// <summary>sum_d weights[d-1] * change_d over the changes held.</summary>
    public double Weighted(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        double sum = 0;
        for (var d = 1; d <= Math.Min(Count, weights.Count); d++)
        {
            sum += weights[d - 1] * this[d];
        }

        return sum;
    }
}
