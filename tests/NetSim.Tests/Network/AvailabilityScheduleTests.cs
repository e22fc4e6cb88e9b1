using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class AvailabilityScheduleTests
{
    private const long S = 1_000_000_000;

    [Test]
    public void File_WorkersAreOnlineOnTheUnionOfTheirIntervals_AndAWorkerWithoutALineAlways()
    {
        var schedule = Parse("""
            worker,online_from_s,online_until_s
            0,10,20
            0,15,30
            0,30,40.5
            2,0,5

            2,7,inf
            """, workers: 4);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(schedule.IsOnline(0, 0), Is.False);
            Assert.That(schedule.NextChange(0, 0), Is.EqualTo(10 * S));
            Assert.That(schedule.IsOnline(0, 10 * S), Is.True, "online from 'from' on");
            Assert.That(schedule.NextChange(0, 10 * S), Is.EqualTo(40_500_000_000), "overlapping and touching intervals merge");
            Assert.That(schedule.IsOnline(0, 40_500_000_000), Is.False, "offline at 'until'");
            Assert.That(schedule.NextChange(0, 40_500_000_000), Is.EqualTo(long.MaxValue));
            Assert.That(schedule.IsOnline(1, 123 * S), Is.True);
            Assert.That(schedule.NextChange(1, 0), Is.EqualTo(long.MaxValue));
            Assert.That(schedule.IsOnline(2, 0), Is.True);
            Assert.That(schedule.NextChange(2, 0), Is.EqualTo(5 * S));
            Assert.That(schedule.IsOnline(2, 6 * S), Is.False);
            Assert.That(schedule.IsOnline(2, 1_000_000 * S), Is.True);
            Assert.That(schedule.NextChange(2, 7 * S), Is.EqualTo(long.MaxValue));
            Assert.That(schedule.Workers, Is.EqualTo(4));
        }
    }

    [TestCase("", "a: the file is empty; start it with the header 'worker,online_from_s,online_until_s'")]
    [TestCase("worker,from,until\n", "a:1: the header is 'worker,from,until'; start the file with the header 'worker,online_from_s,online_until_s'")]
    [TestCase("worker,online_from_s,online_until_s\n0,1\n", "a:2: expected 3 columns, found 2")]
    [TestCase("worker,online_from_s,online_until_s\n0,1,2\n4,0,5\n", "a:3: worker '4' is not one of the 4 workers; write a worker index in 0..3")]
    [TestCase("worker,online_from_s,online_until_s\n-1,0,5\n", "a:2: worker '-1' is not one of the 4 workers")]
    [TestCase("worker,online_from_s,online_until_s\nx,0,5\n", "a:2: worker 'x' is not one of the 4 workers")]
    [TestCase("worker,online_from_s,online_until_s\n0,10,5\n", "a:2: the interval ends at 5 s, not after it starts at 10 s; give online_until_s greater than online_from_s")]
    [TestCase("worker,online_from_s,online_until_s\n0,5,5\n", "a:2: the interval ends at 5 s, not after it starts at 5 s")]
    [TestCase("worker,online_from_s,online_until_s\n0,-1,5\n", "a:2: online_from_s '-1' is not a time in 0..")]
    [TestCase("worker,online_from_s,online_until_s\n0,0,soon\n", "a:2: online_until_s 'soon' is not a time in 0..")]
    [TestCase("worker,online_from_s,online_until_s\n0,inf,5\n", "a:2: online_from_s 'inf' is not a time in 0..")]
    public void File_BadInput_IsOneLineNamingTheFileAndLine(string text, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => AvailabilitySchedule.Parse(new StringReader(text), 4, "a"));

        Assert.That(exception!.Message, Does.StartWith(expected).And.Not.Contain('\n'));
    }

    [Test]
    public void Queries_OutsideTheWorkersOrBeforeZero_Throw()
    {
        var schedule = AvailabilitySchedule.OnOff(2, S, S, 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => schedule.IsOnline(2, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => schedule.IsOnline(-1, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => schedule.NextChange(0, -1));
        }
    }

    [Test]
    public void OnOff_OverALongHorizon_HasTheGivenMeans_AndTheStationaryShareOnline()
    {
        const long meanOnline = 40 * S;
        const long meanOffline = 10 * S;
        const long horizon = 200_000 * S;
        var schedule = AvailabilitySchedule.OnOff(20, meanOnline, meanOffline, seed: 3);
        var online = new List<long>();
        var offline = new List<long>();
        var onlineAtZero = 0;
        long onlineTime = 0;

        for (var w = 0; w < 20; w++)
        {
            onlineAtZero += schedule.IsOnline(w, 0) ? 1 : 0;
            var t = 0L;
            while (t < horizon)
            {
                var next = schedule.NextChange(w, t);
                var state = schedule.IsOnline(w, t);
                Assert.That(schedule.IsOnline(w, next), Is.Not.EqualTo(state));
                var length = Math.Min(next, horizon) - t;
                if (state)
                {
                    onlineTime += length;
                }

                if (t > 0 && next < horizon)
                {
                    (state ? online : offline).Add(length);
                }

                t = next;
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(online.Average(), Is.EqualTo(meanOnline).Within(3).Percent, $"{online.Count} online periods");
            Assert.That(offline.Average(), Is.EqualTo(meanOffline).Within(3).Percent, $"{offline.Count} offline periods");
            Assert.That(onlineTime / (20.0 * horizon), Is.EqualTo(0.8).Within(0.01));
            Assert.That(onlineAtZero, Is.InRange(10, 20), "about 80 % of 20 workers start online");
        }
    }

    [Test]
    public void OnOff_IsDeterministic_DiffersAcrossWorkersAndSeeds_AndIndependentOfQueryOrder()
    {
        var times = Enumerable.Range(0, 500).Select(i => i * 7 * S / 3).ToArray();
        var forward = AvailabilitySchedule.OnOff(3, 5 * S, 2 * S, seed: 9);
        var again = AvailabilitySchedule.OnOff(3, 5 * S, 2 * S, seed: 9);
        var other = AvailabilitySchedule.OnOff(3, 5 * S, 2 * S, seed: 10);

        var first = Answers(forward, 1, times);

        // The second schedule is asked far ahead first, about other workers, and backwards.
        again.NextChange(2, 10_000 * S);
        again.IsOnline(1, 900 * S);
        again.IsOnline(0, 3 * S);
        var backwards = times.Reverse().Select(t => (again.IsOnline(1, t), again.NextChange(1, t))).Reverse().ToArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(backwards, Is.EqualTo(first));
            Assert.That(Answers(forward, 0, times), Is.Not.EqualTo(first));
            Assert.That(Answers(other, 1, times), Is.Not.EqualTo(first));
        }
    }

    [Test]
    public void OnOff_FromSeveralThreads_GivesWhatOneThreadGets()
    {
        var times = Enumerable.Range(0, 2000).Select(i => i * S / 2).ToArray();
        var expected = Answers(AvailabilitySchedule.OnOff(4, 3 * S, S, seed: 4), 2, times);
        var shared = AvailabilitySchedule.OnOff(4, 3 * S, S, seed: 4);

        var results = new (bool, long)[4][];
        Parallel.For(0, 4, i => results[i] = Answers(shared, 2, i % 2 == 0 ? times : [.. times.Reverse()]));

        Assert.That(results.Select((r, i) => i % 2 == 0 ? r : [.. r.Reverse()]), Has.All.EqualTo(expected));
    }

    private static (bool Online, long Next)[] Answers(AvailabilitySchedule schedule, int worker, long[] times) =>
        times.Select(t => (schedule.IsOnline(worker, t), schedule.NextChange(worker, t))).ToArray();

    private static AvailabilitySchedule Parse(string text, int workers) => AvailabilitySchedule.Parse(new StringReader(text), workers, "a");
}
