using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;
using Sasg.Experiments.Tests.Scenarios;
using Sasg.NetSim.Network;

namespace Sasg.Experiments.Tests.Fidelity;

public sealed class ScenarioLinkOptionsTests
{
    [Test]
    public void Parse_WithoutMtu_FramesEveryLinkAtTheDefaultMtu1500()
    {
        var scenario = ScenarioText.Parse(ScenarioText.Minimal());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Network.Mtu, Is.EqualTo(1500));
            Assert.That(scenario.Network.UplinkOf(0).Framing, Is.EqualTo(new TcpFraming(1500)));
            Assert.That(scenario.Network.DownlinkOf(0).Framing, Is.EqualTo(new TcpFraming(1500)));
        }
    }

    [Test]
    public void Parse_WithMtuNull_LeavesLinksUnframed_AndRoundTripsThroughTheWriterAsNull()
    {
        var json = ScenarioText.Minimal();
        json["network"] = new JObject { ["mtu"] = null };

        var scenario = ScenarioText.Parse(json);
        var written = ScenarioWriter.Write(scenario);
        var again = ScenarioText.Parse(written);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Network.Mtu, Is.Null);
            Assert.That(scenario.Network.UplinkOf(0).Framing, Is.Null);
            Assert.That(scenario.Network.UplinkOf(0).WireSize(DataSize.FromBytes(1440)).Bytes, Is.EqualTo(1440));
            Assert.That(written["network"]!["mtu"]!.Type, Is.EqualTo(JTokenType.Null));
            Assert.That(again.Network.Mtu, Is.Null);
        }
    }

    [Test]
    public void Parse_WithMtu_FramesEveryUplinkAndDownlinkAndRoundTripsThroughTheWriter()
    {
        var json = ScenarioText.Minimal();
        json["network"] = new JObject { ["mtu"] = 1500, ["headerBytes"] = "8B" };

        var scenario = ScenarioText.Parse(json);
        var again = ScenarioText.Parse(ScenarioWriter.Write(scenario));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Network.UplinkOf(2).Framing, Is.EqualTo(new TcpFraming(1500)));
            Assert.That(scenario.Network.DownlinkOf(1).WireSize(DataSize.FromBytes(1440)).Bytes, Is.EqualTo(1448 + 66));
            Assert.That(again.Network.Mtu, Is.EqualTo(1500));
        }
    }

    [TestCase(100)]
    [TestCase(70000)]
    public void Parse_MtuOutOfRange_IsOneProblemNamingTheField(int mtu)
    {
        var json = ScenarioText.Minimal();
        json["network"] = new JObject { ["mtu"] = mtu };

        Assert.That(ScenarioText.Problems(json), Has.Some.Contains("$.network.mtu").And.Some.Contains("576..65535"));
    }

    [Test]
    public void Parse_ConnectionNew_GivesUplinksANewConnectionModelAndRoundTrips()
    {
        var json = ScenarioText.Minimal();
        json["network"] = new JObject { ["connection"] = "new" };

        var scenario = ScenarioText.Parse(json);
        var again = ScenarioText.Parse(ScenarioWriter.Write(scenario));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Network.UplinkOf(0).NewConnection, Is.EqualTo(new TcpNewConnection(10)));
            Assert.That(again.Network.NewConnectionPerUpload, Is.True);
            Assert.That(ScenarioText.Parse(ScenarioText.Minimal()).Network.UplinkOf(0).NewConnection, Is.Null);
        }
    }

    [Test]
    public void Parse_UnknownConnection_IsOneProblemNamingTheFieldAndTheWords()
    {
        var json = ScenarioText.Minimal();
        json["network"] = new JObject { ["connection"] = "cold" };

        Assert.That(ScenarioText.Problems(json), Has.Some.Contains("$.network.connection").And.Some.Contains("\"new\""));
    }
}
