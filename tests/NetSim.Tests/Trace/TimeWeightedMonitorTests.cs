using Sasg.NetSim.Kernel;
using Sasg.NetSim.Network;
using Sasg.NetSim.Trace;

namespace Sasg.NetSim.Tests.Trace;

public sealed class TimeWeightedMonitorTests
{
    [Test]
    public void Mean_WeighsEachLevelByHowLongItHeld()
    {
        var monitor = new TimeWeightedMonitor();

        monitor.Update(SimTime.FromNanoseconds(10), 2);
        monitor.Update(SimTime.FromNanoseconds(30), 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(monitor.Integral(SimTime.FromNanoseconds(40)), Is.EqualTo(50));
            Assert.That(monitor.Mean(SimTime.FromNanoseconds(40)), Is.EqualTo(1.25));
            Assert.That(monitor.Maximum, Is.EqualTo(2));
        }
    }

    [Test]
    public void Update_BackInTime_ThrowsNamingTheArgument()
    {
        var monitor = new TimeWeightedMonitor();
        monitor.Update(SimTime.FromNanoseconds(10), 1);

        Assert.That(
            () => monitor.Update(SimTime.FromNanoseconds(5), 0),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("time"));
    }

    [Test]
    public void SequentialPush_QueueAndUtilization_MatchTheClosedForm()
    {
        // Four simultaneous 1 MB uploads at 1 Gbit/s: the ingress is busy for 4 x 8 ms; the k-th upload waits k x 8 ms,
        // so the queue integral is (0 + 1 + 2 + 3) x 8 ms and the queue peaks at 3.
        var monitors = new ServerIngressMonitors();
        var model = new ParameterServerRound(
            StarTopology.Homogeneous(4), ComputeModel.Uniform(4), new ParameterServerOptions(), monitors: monitors);

        var timing = model.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(4, DataSize.FromMegabytes(1), SimTime.Zero));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(timing.End.Nanoseconds, Is.EqualTo(32_000_000));
            Assert.That(monitors.QueueLength.Integral(timing.End), Is.EqualTo(6 * 8_000_000.0));
            Assert.That(monitors.QueueLength.Maximum, Is.EqualTo(3));
            Assert.That(monitors.Utilization.Mean(timing.End), Is.EqualTo(1.0));
        }
    }

    [Test]
    public void FairShare_Utilization_IsFullWhileFlowsAreActive()
    {
        var monitors = new ServerIngressMonitors();
        var options = new ParameterServerOptions { Ingress = IngressPolicy.FairShare };
        var model = new ParameterServerRound(StarTopology.Homogeneous(3), ComputeModel.Uniform(3), options, monitors: monitors);

        var timing = model.RunRound(0, SimTime.Zero, FixedRoundPlan.AllUpload(3, DataSize.FromMegabytes(1), SimTime.Zero));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(monitors.Utilization.Mean(timing.End), Is.EqualTo(1.0).Within(1e-9));
            Assert.That(monitors.Utilization.Level, Is.Zero);
            Assert.That(monitors.QueueLength.Maximum, Is.Zero);
        }
    }
}
