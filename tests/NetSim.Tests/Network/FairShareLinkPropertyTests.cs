using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class FairShareLinkPropertyTests
{
    // Random starts, cancellations, cap and capacity changes and advances, on the link and on the naive model.
    [FsCheck.NUnit.Property(Replay = "20251202,1603", MaxTest = 200)]
    public bool RandomOperations_MatchTheNaiveModel_ToTheNanosecond(int seed)
    {
        var random = new Random(seed);
        var capacity = random.Next(2) == 0 ? random.NextInt64(0, 50) : random.NextInt64(1, 10_000_000_000);
        var link = new FairShareLink(capacity);
        var naive = new NaiveFairShareLink(capacity);
        var active = new List<int>();
        var nextId = 0;
        for (var step = 0; step < 300; step++)
        {
            var cap = random.NextInt64(1, Math.Max(2, capacity * 2));
            switch (random.Next(8))
            {
                case 0 or 1 or 2:
                    var reused = nextId > 0 ? random.Next(nextId) : 0;
                    var id = random.Next(3) == 0 && nextId > 0 && !active.Contains(reused) ? reused : nextId++;
                    var bits = random.NextInt64(1, 1_000_000);
                    link.Add(id, bits, cap);
                    naive.Add(id, bits, cap);
                    active.Add(id);
                    break;
                case 3 when active.Count > 0:
                    var gone = active[random.Next(active.Count)];
                    active.Remove(gone);
                    if (link.Remove(gone) != naive.Remove(gone))
                    {
                        return false;
                    }

                    break;
                case 4 when active.Count > 0:
                    var changed = active[random.Next(active.Count)];
                    link.SetCap(changed, cap);
                    naive.SetCap(changed, cap);
                    break;
                case 5:
                    capacity = random.NextInt64(0, 10_000_000_000);
                    link.SetCapacity(capacity);
                    naive.SetCapacity(capacity);
                    break;
                default:
                    if (!AdvanceAlike(link, naive, random, active))
                    {
                        return false;
                    }

                    break;
            }
        }

        return link.ActiveCount == active.Count;
    }

    // The same on a link reset with prepared flows: ids and caps fixed up front (ids reused after they end), no cap change.
    [FsCheck.NUnit.Property(Replay = "20261202,1605", MaxTest = 200)]
    public bool PreparedFlows_MatchTheNaiveModel_ToTheNanosecond(int seed)
    {
        var random = new Random(seed);
        var capacity = random.Next(2) == 0 ? random.NextInt64(0, 50) : random.NextInt64(1, 10_000_000_000);
        var classes = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.NextInt64(1, Math.Max(2, capacity * 2))).ToArray();
        var caps = Enumerable.Range(0, random.Next(1, 80)).Select(_ => classes[random.Next(classes.Length)]).ToArray();
        var link = new FairShareLink(capacity);
        link.Add(0, 5, 7);
        link.Reset(capacity, 0, caps);
        var naive = new NaiveFairShareLink(capacity);
        var active = new List<int>();
        for (var step = 0; step < 300; step++)
        {
            switch (random.Next(7))
            {
                case 0 or 1 or 2 when active.Count < caps.Length:
                    var id = Enumerable.Range(0, caps.Length).Where(i => !active.Contains(i)).ElementAt(random.Next(caps.Length - active.Count));
                    var bits = random.NextInt64(1, 1_000_000);
                    link.Add(id, bits, caps[id]);
                    naive.Add(id, bits, caps[id]);
                    active.Add(id);
                    break;
                case 3 when active.Count > 0:
                    var gone = active[random.Next(active.Count)];
                    active.Remove(gone);
                    if (link.Remove(gone) != naive.Remove(gone))
                    {
                        return false;
                    }

                    break;
                case 4:
                    capacity = random.NextInt64(0, 10_000_000_000);
                    link.SetCapacity(capacity);
                    naive.SetCapacity(capacity);
                    break;
                default:
                    if (!AdvanceAlike(link, naive, random, active))
                    {
                        return false;
                    }

                    break;
            }
        }

        return link.ActiveCount == active.Count;
    }

    [Test]
    public void PreparedLink_RefusesUnpreparedFlowsAndCapChanges()
    {
        var link = new FairShareLink(100);
        link.Reset(100, 0, [5, 7]);
        link.Add(0, 10, 5);

        Assert.That(() => link.Add(1, 10, 8), Throws.ArgumentException);
        Assert.That(() => link.Add(2, 10, 5), Throws.ArgumentException);
        Assert.That(() => link.SetCap(0, 6), Throws.InvalidOperationException);

        link.Reset(100, 0);
        link.Add(2, 10, 5);
        link.SetCap(2, 6);
        Assert.That(link.ActiveCount, Is.EqualTo(1));
    }

    [Test]
    public void AddingAnActiveFlow_Throws()
    {
        var link = new FairShareLink(100);
        link.Add(3, 10, 5);

        Assert.That(() => link.Add(3, 10, 5), Throws.ArgumentException);
        Assert.That(() => link.Remove(4), Throws.ArgumentException);
    }

    [Test]
    public void AdvancingPastTheNextCompletion_Throws()
    {
        var link = new FairShareLink(1_000_000_000);
        link.Add(0, 1_000, 1_000_000_000);

        Assert.That(link.NextCompletion(), Is.EqualTo(1_000));
        Assert.That(() => link.AdvanceTo(1_001), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    // Both links agree on their rate and next completion, advance to it (or to a random earlier time) and complete
    // the same flows, which leave `active`.
    private static bool AdvanceAlike(FairShareLink link, NaiveFairShareLink naive, Random random, List<int> active)
    {
        if (link.TotalRate != naive.TotalRate || link.NextCompletion() != naive.NextCompletion())
        {
            return false;
        }

        var next = naive.NextCompletion();
        var time = next == long.MaxValue || random.Next(3) == 0
            ? naive.Now + random.NextInt64(0, Math.Min(1_000_000, next - naive.Now) + 1)
            : next;
        link.AdvanceTo(time);
        naive.AdvanceTo(time);
        if (!link.Completed.SequenceEqual(naive.Completed))
        {
            return false;
        }

        active.RemoveAll(naive.Completed.Contains);
        return true;
    }
}
