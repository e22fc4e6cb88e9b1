using Sasg.Experiments.Results.Plots;

namespace Sasg.Experiments.Tests.Results.Plots;

public sealed class AxisUnitTests
{
    [TestCase(5e-7, "simulated time (ns)")]
    [TestCase(0.0176, "simulated time (ms)")]
    [TestCase(2.6e-3, "simulated time (ms)")]
    [TestCase(9e-4, "simulated time (µs)")]
    [TestCase(1234.0, "simulated time (s)")]
    public void Seconds_PicksTheLargestUnitBelowTheLargestValue(double largest, string label)
    {
        Assert.That(AxisUnit.Seconds(largest).Label("simulated time"), Is.EqualTo(label));
    }

    [TestCase(0.0, 1.0, "bit")]
    [TestCase(1_670_400.0, 1e6, "Mbit")]
    [TestCase(3.2e10, 1e9, "Gbit")]
    [TestCase(5e12, 1e12, "Tbit")]
    public void Bits_UseDecimalPrefixes(double largest, double divisor, string name)
    {
        Assert.That(AxisUnit.Bits(largest), Is.EqualTo(new AxisUnit(divisor, name)));
    }
}
