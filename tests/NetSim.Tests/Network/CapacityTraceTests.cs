using Sasg.NetSim.Network;
using Sasg.TestSupport;

namespace Sasg.NetSim.Tests.Network;

public sealed class CapacityTraceTests
{
    private const long Ms = 1_000_000;
    private const long Opportunity = CapacityTrace.BitsPerSecondPerOpportunity;

    [Test]
    public void Mahimahi_OneLine_IsAConstant12MbitPerSecond()
    {
        var trace = Mahimahi("1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(trace.BitsPerSecondAt(0), Is.EqualTo(12_000_000));
            Assert.That(trace.BitsPerSecondAt(123_456_789_000), Is.EqualTo(12_000_000));
            Assert.That(trace.NextChange(0), Is.EqualTo(long.MaxValue));
            Assert.That(trace.Duration, Is.EqualTo(Ms));
            Assert.That(trace.MeanBitsPerSecond, Is.EqualTo(12e6));
        }
    }

    [Test]
    public void Mahimahi_EachLineDeliversDuringTheMillisecondBeforeIt_ZeroLinesInTheLoopsLastMillisecond_AndLoops()
    {
        // Period 5 ms; 2 packets at 2 ms -> [1, 2) ms at 24 Mbit/s; the line 5 and the line 0 (= 5 of the loop before)
        // -> [4, 5) ms at 24 Mbit/s; nothing in [0, 1) and [2, 4).
        var trace = Mahimahi("0\n2\n2\n5\n");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { 0, 1, 2, 3, 4 }.Select(ms => trace.BitsPerSecondAt(ms * Ms)), Is.EqualTo(new[] { 0, 2 * Opportunity, 0, 0, 2 * Opportunity }));
            Assert.That(trace.BitsPerSecondAt((5 * Ms) + (Ms / 2)), Is.Zero, "the loop restarts at 5 ms");
            Assert.That(trace.BitsPerSecondAt((11 * Ms) + 1), Is.EqualTo(2 * Opportunity));
            Assert.That(trace.NextChange(0), Is.EqualTo(Ms));
            Assert.That(trace.NextChange(Ms), Is.EqualTo(2 * Ms));
            Assert.That(trace.NextChange(2 * Ms), Is.EqualTo(4 * Ms), "equal neighbours are one step");
            Assert.That(trace.NextChange((4 * Ms) + 7), Is.EqualTo(5 * Ms));
            Assert.That(trace.StepCount, Is.EqualTo(4));
            Assert.That(trace.BitsPerPeriod, Is.EqualTo(4 * 1500 * 8));
        }
    }

    [Test]
    public void NextChange_AcrossTheWrap_SkipsAFirstStepEqualToTheLast()
    {
        // [0, 1) and [2, 3) at 12 Mbit/s, [1, 2) at 0: the step at the wrap continues into the next loop's first ms.
        var trace = Mahimahi("1\n3");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(trace.NextChange((2 * Ms) + 5), Is.EqualTo(4 * Ms));
            Assert.That(trace.BitsPerSecondAt(3 * Ms), Is.EqualTo(Opportunity));
            Assert.That(trace.NextChange(long.MaxValue - 1), Is.EqualTo(long.MaxValue), "saturates instead of overflowing");
        }
    }

    [Test]
    public void WithStartOffset_ReadsTheTraceFromTheOffset_AndWraps()
    {
        var trace = Mahimahi("0\n2\n2\n5\n").WithStartOffset((7 * Ms) + (Ms / 2));

        using (Assert.EnterMultipleScope())
        {
            // Offset 7.5 ms = 2.5 ms into the loop: [2, 4) is empty, so time 0 reads 0 until 1.5 ms.
            Assert.That(trace.BitsPerSecondAt(0), Is.Zero);
            Assert.That(trace.NextChange(0), Is.EqualTo(Ms + (Ms / 2)));
            Assert.That(trace.BitsPerSecondAt(Ms + (Ms / 2)), Is.EqualTo(2 * Opportunity));
            Assert.That(trace.NextChange(Ms + (Ms / 2)), Is.EqualTo(2 * Ms + (Ms / 2)));
            Assert.That(trace.StartOffset, Is.EqualTo((7 * Ms) + (Ms / 2)));
        }
    }

    [Test]
    public void Csv_IsStepsThatHoldTheLastOne_RoundedToWholeNanosecondsAndBits()
    {
        var trace = Csv("time_s,bits_per_second\n0,1000.5\n1.5,0\n\n2.0000000004,3e6\n");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(trace.Format, Is.EqualTo(CapacityTraceFormat.Csv));
            Assert.That(trace.BitsPerSecondAt(0), Is.EqualTo(1001), "1000.5 bit/s rounds half away from zero");
            Assert.That(trace.NextChange(0), Is.EqualTo(1_500_000_000));
            Assert.That(trace.BitsPerSecondAt(1_999_999_999), Is.Zero);
            Assert.That(trace.NextChange(1_500_000_000), Is.EqualTo(2_000_000_000), "2.0000000004 s rounds to 2 s");
            Assert.That(trace.BitsPerSecondAt(1_000_000_000_000), Is.EqualTo(3_000_000), "the last step holds");
            Assert.That(trace.NextChange(2_000_000_000), Is.EqualTo(long.MaxValue));
            Assert.That(trace.Duration, Is.EqualTo(2_000_000_000));
            Assert.That(trace.WithStartOffset(1_600_000_000).NextChange(0), Is.EqualTo(400_000_000));
            Assert.That(trace.WithStartOffset(5_000_000_000).BitsPerSecondAt(0), Is.EqualTo(3_000_000));
        }
    }

    [Test]
    public void Load_TellsTheFormatByTheExtensionOrAComma()
    {
        using var folder = new TemporaryDirectory();
        var csv = folder.WriteFile("steps.csv", "time_s,bits_per_second\n0,5\n");
        var csvByContent = folder.WriteFile("steps.txt", "\ntime_s,bits_per_second\n0,5\n");
        var mahimahi = folder.WriteFile("cell.up", "1\n1\n");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(CapacityTrace.Load(csv).BitsPerSecondAt(0), Is.EqualTo(5));
            Assert.That(CapacityTrace.Load(csvByContent).Format, Is.EqualTo(CapacityTraceFormat.Csv));
            Assert.That(CapacityTrace.Load(mahimahi).BitsPerSecondAt(0), Is.EqualTo(2 * Opportunity));
            Assert.That(CapacityTrace.Load(mahimahi).Source, Is.EqualTo(mahimahi));
        }
    }

    [TestCase("", "t: the trace has no timestamps, so it never delivers a packet; write one line per 1500-byte delivery opportunity, in milliseconds")]
    [TestCase("\n\n", "t: the trace has no timestamps, so it never delivers a packet")]
    [TestCase("0\n0\n", "t:2: the trace lasts 0 ms (its last timestamp is 0)")]
    [TestCase("1\nabc\n", "t:2: 'abc' is not a whole number of milliseconds; write one timestamp in whole milliseconds (0 or more) per line")]
    [TestCase("-1\n", "t:1: '-1' is not a whole number of milliseconds")]
    [TestCase("1.5\n", "t:1: '1.5' is not a whole number of milliseconds")]
    [TestCase("5\n7\n6\n", "t:3: timestamp 6 ms comes after 7 ms; sort the timestamps")]
    [TestCase("99999999999999999999\n", "t:1: '99999999999999999999' is not a whole number of milliseconds")]
    public void Mahimahi_BadInput_IsOneLineNamingTheFileAndLine(string text, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => CapacityTrace.Parse(new StringReader(text), CapacityTraceFormat.Mahimahi, "t"));

        Assert.That(exception!.Message, Does.StartWith(expected).And.Not.Contain('\n'));
    }

    [TestCase("", "t: the trace has no steps, so it never delivers a packet")]
    [TestCase("time_s,bits_per_second\n", "t: the trace has no steps, so it never delivers a packet")]
    [TestCase("time,bps\n0,1\n", "t:1: the header is 'time,bps'; start a CSV trace with the header 'time_s,bits_per_second'")]
    [TestCase("time_s,bits_per_second\n0,1,2\n", "t:2: expected 2 columns, found 3")]
    [TestCase("time_s,bits_per_second\n0,fast\n", "t:2: bits_per_second 'fast' is not a number")]
    [TestCase("time_s,bits_per_second\n0,-5\n", "t:2: bits_per_second -5 is negative")]
    [TestCase("time_s,bits_per_second\n1,5\n", "t:2: the first step starts at 1 s, not 0; start the first step at time 0")]
    [TestCase("time_s,bits_per_second\n0,5\n2,6\n2,7\n", "t:4: time 2 s is not after the previous step's")]
    [TestCase("time_s,bits_per_second\n0,5\n2,0\n", "t:3: the last step is 0 bit/s, which the trace holds for ever, so a transfer then never ends")]
    [TestCase("time_s,bits_per_second\n0,0\n", "t:2: the last step is 0 bit/s")]
    [TestCase("time_s,bits_per_second\n0,5\n1e20,5\n", "t:3: time_s 1e20 is too large")]
    public void Csv_BadInput_IsOneLineNamingTheFileAndLine(string text, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => CapacityTrace.Parse(new StringReader(text), CapacityTraceFormat.Csv, "t"));

        Assert.That(exception!.Message, Does.StartWith(expected).And.Not.Contain('\n'));
    }

    [Test]
    public void BitsPerSecondAt_AtNegativeTime_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Mahimahi("1").BitsPerSecondAt(-1));

    [Test]
    public void QueriesInAnyOrder_GiveTheSameAnswers()
    {
        var random = new Random(5);
        var text = GenerateMahimahi(random, out _);
        var forward = Mahimahi(text).WithStartOffset(3 * Ms);
        var shuffled = Mahimahi(text).WithStartOffset(3 * Ms);
        var times = Enumerable.Range(0, 2000).Select(_ => random.NextInt64(0, 400 * Ms)).ToArray();
        var sorted = times.Distinct().Order().ToArray();

        var expected = sorted.ToDictionary(t => t, t => (forward.BitsPerSecondAt(t), forward.NextChange(t)));

        Assert.That(times.All(t => (shuffled.BitsPerSecondAt(t), shuffled.NextChange(t)) == expected[t]), Is.True);
    }

    [Test]
    public void Mahimahi_BytesDeliveredOverWholeMilliseconds_AreExactlyThePacketsTheTraceDeliversThen()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 50; trial++)
        {
            var text = GenerateMahimahi(random, out var lines);
            var trace = Mahimahi(text).WithStartOffset(random.Next(0, 3) * random.NextInt64(0, 50) * Ms);
            var offsetMs = trace.StartOffset / Ms;
            var a = random.NextInt64(0, 200);
            var b = a + random.NextInt64(0, 200);

            var bits = Integrate(trace, a * Ms, b * Ms) / 1_000_000_000;

            // Mahimahi's own schedule: loop n delivers a packet at n * period + t for each line t; the window reads the
            // trace's times (a, b] ms shifted by the offset (the instant 0 is before any fluid can flow).
            var period = lines[^1];
            var packets = 0L;
            for (var n = 0L; n * period <= offsetMs + b; n++)
            {
                packets += lines.Count(t => (n * period) + t > offsetMs + a && (n * period) + t <= offsetMs + b);
            }

            Assert.That(bits, Is.EqualTo((Int128)packets * 1500 * 8), $"trial {trial}: [{a}, {b}) ms, offset {offsetMs} ms, trace {text.Replace('\n', ' ')}");
        }
    }

    [Test]
    public void Mahimahi_BytesDeliveredInAnyWindow_AreTheTracesPacketsWithinOnePacket()
    {
        var random = new Random(17);
        for (var trial = 0; trial < 300; trial++)
        {
            var text = GenerateMahimahi(random, out var lines);
            var trace = Mahimahi(text).WithStartOffset(random.NextInt64(0, 100 * Ms));
            var a = random.NextInt64(0, 100 * Ms);
            var b = a + random.NextInt64(0, 100 * Ms);

            var bitNanoseconds = Integrate(trace, a, b);

            // The packets of one millisecond spread evenly over it (the k-th of c at k/c of the way): a count that
            // differs from the fluid by less than one packet at each end of the window, so by less than one in all.
            var packets = Delivered(lines, trace.StartOffset + b) - Delivered(lines, trace.StartOffset + a);
            var difference = bitNanoseconds - ((Int128)packets * 1500 * 8 * 1_000_000_000);
            Assert.That(Int128.Abs(difference), Is.LessThan((Int128)1500 * 8 * 1_000_000_000), $"trial {trial}: [{a}, {b}) ns, trace {text.Replace('\n', ' ')}");
        }
    }

    // Packets (evenly spread within the millisecond they are delivered in) delivered at or before trace time y, ns.
    private static long Delivered(IReadOnlyList<long> lines, long y)
    {
        // A line t of loop n is the packet delivered in the millisecond [n * period + t - 1, n * period + t); loop 0's
        // lines at 0 are the instant 0 itself, before any fluid flows.
        var period = lines[^1];
        var buckets = new List<long>();
        for (var n = 0L; n * period * Ms <= y + Ms; n++)
        {
            buckets.AddRange(lines.Where(t => n > 0 || t > 0).Select(t => (n * period) + t - 1));
        }

        var count = 0L;
        foreach (var bucket in buckets.GroupBy(b => b))
        {
            // The k-th packet (k = 1..c) of the bucket at bucket + k / c ms: count those <= y.
            var c = bucket.Count();
            count += Math.Clamp((y - (bucket.Key * Ms)) * c / Ms, 0, c);
        }

        return count;
    }

    // The integral of the capacity over [a, b) in bit·ns, stepping with NextChange.
    private static Int128 Integrate(CapacityTrace schedule, long a, long b)
    {
        Int128 total = 0;
        for (var t = a; t < b;)
        {
            var next = Math.Min(schedule.NextChange(t), b);
            Assert.That(next, Is.GreaterThan(t));
            total += (Int128)schedule.BitsPerSecondAt(t) * (next - t);
            t = next;
        }

        return total;
    }

    private static string GenerateMahimahi(Random random, out List<long> lines)
    {
        lines = [];
        var t = (long)random.Next(0, 3);
        var count = random.Next(1, 30);
        for (var i = 0; i < count; i++)
        {
            lines.Add(t);
            t += random.Next(0, 4) == 0 ? 0 : random.Next(1, 5);
        }

        if (lines[^1] == 0)
        {
            lines.Add(1);
        }

        return string.Join('\n', lines);
    }

    private static CapacityTrace Mahimahi(string text) => CapacityTrace.Parse(new StringReader(text), CapacityTraceFormat.Mahimahi, "t");

    private static CapacityTrace Csv(string text) => CapacityTrace.Parse(new StringReader(text), CapacityTraceFormat.Csv, "t");
}
