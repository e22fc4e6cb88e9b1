namespace Sasg.NetSim.Tests.Network;

/// <summary>
/// <see cref="Sasg.NetSim.Network.FairShareLink"/>'s contract computed the slow, obvious way: every event sorts the
/// flows by (cap, id), water-fills the rates and moves every flow (the rule of the reference ingress).
/// </summary>
internal sealed class NaiveFairShareLink(long capacity)
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly SortedDictionary<(long Cap, int Id), Int128> _flows = [];
    private long _capacity = capacity;

    public long Now { get; private set; }

    public List<int> Completed { get; } = [];

    public long TotalRate => Rates().Sum(r => r.Rate);

    public void Add(int flow, long bits, long cap) => _flows.Add((cap, flow), (Int128)bits * NanosecondsPerSecond);

    public long Remove(int flow)
    {
        var key = _flows.Keys.Single(k => k.Id == flow);
        var remaining = _flows[key];
        _flows.Remove(key);
        return (long)((remaining + NanosecondsPerSecond - 1) / NanosecondsPerSecond);
    }

    public void SetCap(int flow, long cap)
    {
        var key = _flows.Keys.Single(k => k.Id == flow);
        var remaining = _flows[key];
        _flows.Remove(key);
        _flows.Add((cap, flow), remaining);
    }

    public void SetCapacity(long value) => _capacity = value;

    public long NextCompletion() =>
        Rates().Select(r => Now + (long)((_flows[r.Key] + r.Rate - 1) / r.Rate)).DefaultIfEmpty(long.MaxValue).Min();

    public void AdvanceTo(long time)
    {
        Completed.Clear();
        foreach (var (key, rate) in Rates())
        {
            _flows[key] -= (Int128)rate * (time - Now);
            if (_flows[key] <= 0)
            {
                _flows.Remove(key);
                Completed.Add(key.Id);
            }
        }

        Now = time;
    }

    private List<((long Cap, int Id) Key, long Rate)> Rates()
    {
        var left = _capacity;
        var count = _flows.Count;
        var rates = new List<((long, int), long)>();
        foreach (var key in _flows.Keys)
        {
            var rate = Math.Min(key.Cap, Math.Max(1, left / (count - rates.Count)));
            left = Math.Max(0, left - rate);
            rates.Add((key, rate));
        }

        return rates;
    }
}
