using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Tests.Scenarios;

[TestFixture]
public sealed class UnitsTests
{
    [TestCase("1Gbps", 1_000_000_000L)]
    [TestCase("100Mbps", 100_000_000L)]
    [TestCase("100 Mbit/s", 100_000_000L)]
    [TestCase("1.5Gbit/s", 1_500_000_000L)]
    [TestCase("10Kbps", 10_000L)]
    [TestCase("10kbps", 10_000L)]
    [TestCase("10kbit/s", 10_000L)]
    [TestCase("10Kbit/s", 10_000L)]
    [TestCase("2Tbps", 2_000_000_000_000L)]
    [TestCase("2Tbit/s", 2_000_000_000_000L)]
    [TestCase("300bps", 300L)]
    [TestCase("300bit/s", 300L)]
    [TestCase("1B/s", 8L)]
    [TestCase("1KB/s", 8_000L)]
    [TestCase("12.5MB/s", 100_000_000L)]
    [TestCase("1GB/s", 8_000_000_000L)]
    [TestCase("1e2Mbps", 100_000_000L)]
    [TestCase("  40 Gbps ", 40_000_000_000L)]
    public void ParseBandwidth_WithAcceptedUnit_GivesExactBitsPerSecond(string text, long expected)
    {
        var bandwidth = Units.ParseBandwidth(text);

        Assert.That(bandwidth.BitsPerSecond, Is.EqualTo(expected));
    }

    [TestCase("100", "bandwidth '100' has no unit; write a number followed by one of bps, Kbps, Mbps, Gbps, Tbps, bit/s, Kbit/s, Mbit/s, Gbit/s, Tbit/s, B/s, KB/s, MB/s, GB/s, for example \"100Mbps\"")]
    [TestCase("100mbps", "bandwidth '100mbps' has the unknown unit 'mbps'; write one of bps, Kbps, Mbps, Gbps, Tbps, bit/s, Kbit/s, Mbit/s, Gbit/s, Tbit/s, B/s, KB/s, MB/s, GB/s (case matters), for example \"100Mbps\"")]
    [TestCase("0Mbps", "bandwidth '0Mbps' is not positive; write at least 1bps, for example \"100Mbps\"")]
    [TestCase("-1Gbps", "bandwidth '-1Gbps' is negative; write a number followed by one of bps, Kbps, Mbps, Gbps, Tbps, bit/s, Kbit/s, Mbit/s, Gbit/s, Tbit/s, B/s, KB/s, MB/s, GB/s, for example \"100Mbps\"")]
    [TestCase("0.5bps", "bandwidth '0.5bps' is not a whole number of bit/s; write a value that is a whole number of bit/s, for example \"100Mbps\"")]
    [TestCase("Gbps", "bandwidth 'Gbps' does not start with a number; write a number followed by one of bps, Kbps, Mbps, Gbps, Tbps, bit/s, Kbit/s, Mbit/s, Gbit/s, Tbit/s, B/s, KB/s, MB/s, GB/s, for example \"100Mbps\"")]
    [TestCase("1e20Gbps", "bandwidth '1e20Gbps' is too large; write a smaller value, for example \"100Mbps\"")]
    public void ParseBandwidth_WithBadText_NamesValueAndAcceptedUnits(string text, string message)
    {
        Assert.That(() => Units.ParseBandwidth(text), Throws.TypeOf<FormatException>().With.Message.EqualTo(message));
    }

    [TestCase("0.5ms", 500_000L)]
    [TestCase("50us", 50_000L)]
    [TestCase("50\u00b5s", 50_000L)]
    [TestCase("50\u03bcs", 50_000L)]
    [TestCase("400ns", 400L)]
    [TestCase("2 s", 2_000_000_000L)]
    [TestCase("1.5min", 90_000_000_000L)]
    [TestCase("0s", 0L)]
    [TestCase("0.000000001s", 1L)]
    [TestCase("0.1ms", 100_000L)]
    public void ParseDuration_WithAcceptedUnit_IsExactToTheNanosecond(string text, long nanoseconds)
    {
        var duration = Units.ParseDuration(text);

        Assert.That(duration.Nanoseconds, Is.EqualTo(nanoseconds));
    }

    [TestCase("0.5", "duration '0.5' has no unit")]
    [TestCase("5 sec", "duration '5 sec' has the unknown unit 'sec'")]
    [TestCase("1.5ns", "duration '1.5ns' is not a whole number of nanoseconds")]
    [TestCase("-1ms", "duration '-1ms' is negative")]
    [TestCase("1,5ms", "duration '1,5ms' has the unknown unit ',5ms'")]
    public void ParseDuration_WithBadText_Throws(string text, string problem)
    {
        Assert.That(
            () => Units.ParseDuration(text),
            Throws.TypeOf<FormatException>().With.Message.StartsWith(problem + "; write "));
    }

    [TestCase("10MB", 10_000_000L)]
    [TestCase("64B", 64L)]
    [TestCase("64 B", 64L)]
    [TestCase("1KB", 1_000L)]
    [TestCase("2GB", 2_000_000_000L)]
    [TestCase("1KiB", 1_024L)]
    [TestCase("1.5KiB", 1_536L)]
    [TestCase("1MiB", 1_048_576L)]
    [TestCase("1GiB", 1_073_741_824L)]
    [TestCase("0B", 0L)]
    public void ParseSize_WithAcceptedUnit_GivesExactBytes(string text, long bytes)
    {
        var size = Units.ParseSize(text);

        Assert.That(size.Bytes, Is.EqualTo(bytes));
    }

    [TestCase("10", "size '10' has no unit; write a number followed by one of B, KB, MB, GB (powers of 1000), KiB, MiB, GiB (powers of 1024), for example \"10MB\"")]
    [TestCase("10Mb", "size '10Mb' has the unknown unit 'Mb'; write one of B, KB, MB, GB (powers of 1000), KiB, MiB, GiB (powers of 1024) (case matters), for example \"10MB\"")]
    [TestCase("0.5B", "size '0.5B' is not a whole number of bytes; write a value that is a whole number of bytes, for example \"10MB\"")]
    public void ParseSize_WithBadText_NamesValueAndAcceptedUnits(string text, string message)
    {
        Assert.That(() => Units.ParseSize(text), Throws.TypeOf<FormatException>().With.Message.EqualTo(message));
    }

    [TestCase("1Gbps", "1Gbps")]
    [TestCase("1000Mbps", "1Gbps")]
    [TestCase("1.5Gbps", "1.5Gbps")]
    [TestCase("123456789bps", "123.456789Mbps")]
    [TestCase("999bps", "999bps")]
    [TestCase("12.5MB/s", "100Mbps")]
    public void FormatBandwidth_WritesCanonicalTextThatParsesBack(string text, string expected)
    {
        var formatted = Units.FormatBandwidth(Units.ParseBandwidth(text));

        Assert.That(formatted, Is.EqualTo(expected));
        Assert.That(Units.ParseBandwidth(formatted), Is.EqualTo(Units.ParseBandwidth(text)));
    }

    [TestCase("0.5ms", "500us")]
    [TestCase("1500us", "1.5ms")]
    [TestCase("0s", "0ns")]
    [TestCase("1min", "60s")]
    [TestCase("1ns", "1ns")]
    public void FormatDuration_WritesCanonicalTextThatParsesBack(string text, string expected)
    {
        var formatted = Units.FormatDuration(Units.ParseDuration(text));

        Assert.That(formatted, Is.EqualTo(expected));
        Assert.That(Units.ParseDuration(formatted), Is.EqualTo(Units.ParseDuration(text)));
    }

    [TestCase("64B", "64B")]
    [TestCase("1KiB", "1.024KB")]
    [TestCase("1628200B", "1.6282MB")]
    [TestCase("0B", "0B")]
    public void FormatSize_WritesCanonicalTextThatParsesBack(string text, string expected)
    {
        var formatted = Units.FormatSize(Units.ParseSize(text));

        Assert.That(formatted, Is.EqualTo(expected));
        Assert.That(Units.ParseSize(formatted), Is.EqualTo(Units.ParseSize(text)));
    }
}
