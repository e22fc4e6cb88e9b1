using Sasg.NetSim.Network;

namespace Sasg.NetSim.Tests.Network;

public sealed class NetworkNamesTests
{
    [TestCase("sequential", IngressPolicy.SequentialPush)]
    [TestCase("Sequential-Push", IngressPolicy.SequentialPush)]
    [TestCase("sequential_pull", IngressPolicy.SequentialPull)]
    [TestCase("fair-share", IngressPolicy.FairShare)]
    [TestCase("UNLIMITED", IngressPolicy.Unlimited)]
    public void ParseIngressPolicy_ReadsEveryPolicy(string name, IngressPolicy expected)
    {
        Assert.That(NetworkNames.ParseIngressPolicy(name), Is.EqualTo(expected));
    }

    [Test]
    public void ParseIngressPolicy_WhenUnknown_ThrowsNamingTheField()
    {
        Assert.That(
            () => NetworkNames.ParseIngressPolicy("round-robin"),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("name").And.Message.Contains("round-robin"));
    }

    [TestCase("tree", BroadcastMode.BinomialTree)]
    [TestCase("parallel", BroadcastMode.Parallel)]
    [TestCase("sequential", BroadcastMode.Sequential)]
    public void ParseBroadcastMode_ReadsEveryMode(string name, BroadcastMode expected)
    {
        Assert.That(NetworkNames.ParseBroadcastMode(name), Is.EqualTo(expected));
    }

    [Test]
    public void ParseBroadcastMode_WhenUnknown_ThrowsNamingTheField()
    {
        Assert.That(
            () => NetworkNames.ParseBroadcastMode("gossip"),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("name"));
    }
}
