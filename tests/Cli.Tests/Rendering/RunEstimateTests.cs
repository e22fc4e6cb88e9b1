using Sasg.Cli.Rendering;
using Sasg.Experiments.Driver;

namespace Sasg.Cli.Tests.Rendering;

public sealed class RunEstimateTests
{
    private static readonly string[] Methods = ["GD", "LAG-WK", "LAG-PS"];

    [Test]
    public void Remaining_BeforeTheFirstIteration_IsUnknown()
    {
        var estimate = new RunEstimate(Methods, 100, 1, () => TimeSpan.FromSeconds(1));

        Assert.That(estimate.Remaining, Is.Null);
    }

    [Test]
    public void Remaining_HalfWayThroughTheFirstMethod_CountsEveryMethodLeft()
    {
        var now = TimeSpan.Zero;
        var estimate = new RunEstimate(Methods, 100, 1, () => now);

        now = TimeSpan.FromSeconds(5);
        estimate.Report(new RunProgress("GD", 50, 100, 0, 0));

        using (Assert.EnterMultipleScope())
        {
            // 250 iterations left at 10 per second.
            Assert.That(estimate.Remaining!.Value.TotalSeconds, Is.EqualTo(25).Within(1e-6));
            Assert.That(estimate.DoneFraction, Is.EqualTo(50 / 300.0).Within(1e-12));
        }
    }

    [Test]
    public void Remaining_WhenTheNextMethodStarts_DoesNotRestartForThatMethod_AndDropsTheEarlyStoppersRest()
    {
        var now = TimeSpan.Zero;
        var estimate = new RunEstimate(Methods, 100, 1, () => now);
        now = TimeSpan.FromSeconds(2);
        estimate.Report(new RunProgress("GD", 20, 100, 0, 0));

        now = TimeSpan.FromSeconds(2.1);
        estimate.Report(new RunProgress("LAG-WK", 1, 100, 0, 0));

        // GD stopped at 20 (target reached); 99 of LAG-WK and 100 of LAG-PS are left, at 21 iterations in 2.1 s.
        Assert.That(estimate.Remaining!.Value.TotalSeconds, Is.EqualTo(19.9).Within(1e-6));
    }

    [Test]
    public void Remaining_MethodsSideBySide_KeepsBothRunningMethodsWork()
    {
        var now = TimeSpan.FromSeconds(4);
        var estimate = new RunEstimate(Methods, 100, 2, () => now);

        estimate.Report(new RunProgress("GD", 20, 100, 0, 0));
        estimate.Report(new RunProgress("LAG-WK", 20, 100, 0, 0));

        // 80 + 80 + 100 left at 40 iterations in 4 s.
        Assert.That(estimate.Remaining!.Value.TotalSeconds, Is.EqualTo(26).Within(1e-6));
    }

    [Test]
    public void Report_OfAMethodWronglyTakenForEnded_CountsItsWorkAgain()
    {
        var now = TimeSpan.FromSeconds(4);
        var estimate = new RunEstimate(Methods, 100, 1, () => now);
        estimate.Report(new RunProgress("GD", 20, 100, 0, 0));
        estimate.Report(new RunProgress("LAG-WK", 20, 100, 0, 0));

        estimate.Report(new RunProgress("GD", 21, 100, 0, 0));

        // Both run after all: 79 + 80 + 100 left at 41 iterations in 4 s.
        Assert.That(estimate.Remaining!.Value.TotalSeconds, Is.EqualTo(259 * 4 / 41.0).Within(1e-6));
    }

    [Test]
    public void DoneFraction_AfterTheLastIterationOfEveryMethod_IsOne()
    {
        var estimate = new RunEstimate(Methods, 10, 1, () => TimeSpan.FromSeconds(1));

        foreach (var method in Methods)
        {
            estimate.Report(new RunProgress(method, 10, 10, 0, 0));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(estimate.DoneFraction, Is.EqualTo(1));
            Assert.That(estimate.Remaining, Is.EqualTo(TimeSpan.Zero));
        }
    }
}
