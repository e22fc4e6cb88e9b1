using Sasg.Learning.Algorithms;

namespace Sasg.Learning.Tests.Algorithms;

/// <summary>theta_hat kept in a ring of iterates, or per worker when the ring would be large.</summary>
public sealed class UploadIteratesTests
{
    [TestCase(4, 3)]
    [TestCase(2, 9)]
    public void Of_GivesTheIterateOfEachWorkersLastUpload_InRingAndPerWorkerModes(int workers, int maxAge)
    {
        var iterates = new UploadIterates<float>(workers, [0f, 0f], maxAge);
        var expected = new float[workers];
        var random = new Random(7);
        for (var k = 1; k < 60; k++)
        {
            float[] theta = [k, -k];
            for (var m = 0; m < workers; m++)
            {
                // Upload at random, and always once maxAge iterations have passed without one.
                if (random.Next(3) == 0 || k - expected[m] >= maxAge)
                {
                    iterates.Uploaded(m, k, theta);
                    expected[m] = k;
                }

                Assert.That(iterates.Of(m).ToArray(), Is.EqualTo(new[] { expected[m], -expected[m] }), $"worker {m} at {k}");
            }
        }
    }

    [TestCase(4, 3)]
    [TestCase(3, 2)]
    [TestCase(2, 9)]
    public void Of_ReadBeforeTheDecision_GivesAnIterateExactlyMaxAgeOld_AfterOthersUploaded(int workers, int maxAge)
    {
        // As SASG and LASG-WK2 use it: theta_hat is read first, then the worker may upload; the last worker is silent
        // for exactly maxAge iterations each time while the others upload every iteration, so the slot after its
        // iterate's is written just before it is read at age maxAge.
        var iterates = new UploadIterates<float>(workers, [0f], maxAge);
        var last = new int[workers];
        for (var k = 1; k < 40; k++)
        {
            for (var m = 0; m < workers; m++)
            {
                Assert.That(iterates.Of(m).ToArray(), Is.EqualTo(new float[] { last[m] }), $"worker {m} at {k}, age {k - last[m]}");
                if (m < workers - 1 || k - last[m] >= maxAge)
                {
                    iterates.Uploaded(m, k, [k]);
                    last[m] = k;
                }
            }
        }
    }

    [Test]
    public void Constructor_WithTheLargestMaxAge_KeepsAnIteratePerWorker()
    {
        var iterates = new UploadIterates<float>(2, [0f], int.MaxValue);
        iterates.Uploaded(0, 5, [5f]);

        Assert.That(iterates.Of(0).ToArray(), Is.EqualTo(new[] { 5f }));
    }

    [Test]
    public void Of_AWorkerSilentForLongerThanMaxAge_KeepsItsOwnCopyOfItsIterate()
    {
        // Partial participation: worker 0 sits out while worker 1 uploads and the ring turns over.
        var iterates = new UploadIterates<float>(3, [0f], maxAge: 2);
        iterates.Uploaded(0, 1, [1f]);
        var ringOnly = iterates.AllocatedBytes;
        for (var k = 2; k <= 9; k++)
        {
            iterates.Uploaded(1, k, [k]);
        }

        Assert.That(iterates.Of(0).ToArray(), Is.EqualTo(new[] { 1f }));
        Assert.That(iterates.Of(1).ToArray(), Is.EqualTo(new[] { 9f }));
        Assert.That(iterates.Of(2).ToArray(), Is.EqualTo(new[] { 0f }), "a worker that never uploaded reads theta^0");
        Assert.That(iterates.AllocatedBytes, Is.GreaterThan(ringOnly), "worker 0's own copy");
    }

    [Test]
    public void Uploaded_OneRingTurnAfterItsLastUpload_WhileAnotherStillHoldsThatIterate_ReadsTheNewIterate()
    {
        // Partial participation: workers 0 and 1 upload at iteration 1, worker 1 sits out, and worker 0 uploads again
        // exactly when the ring comes back to iteration 1's slot. Worker 1 keeps iteration 1's iterate as its own copy;
        // worker 0 reads the new one (before the fix it was given the old one as its own copy too).
        var iterates = new UploadIterates<float>(2, [0f], maxAge: 1);
        iterates.Uploaded(0, 1, [1f]);
        iterates.Uploaded(1, 1, [1f]);
        iterates.Uploaded(0, 3, [3f]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(iterates.Of(0).ToArray(), Is.EqualTo(new[] { 3f }));
            Assert.That(iterates.Of(1).ToArray(), Is.EqualTo(new[] { 1f }));
            Assert.That(iterates.StampOf(0), Is.Not.EqualTo(iterates.StampOf(1)));
        }
    }

    [Test]
    public void AllocatedBytes_PerWorkerMode_GrowsOnlyWithTheWorkersThatUploaded()
    {
        var iterates = new UploadIterates<float>(1000, new float[10], int.MaxValue);
        var before = iterates.AllocatedBytes;
        iterates.Uploaded(7, 1, new float[10]);

        Assert.That(iterates.AllocatedBytes - before, Is.EqualTo(40));
    }

    [TestCase(4, 3, 1)]
    [TestCase(4, 3, 3)]
    [TestCase(2, 9, 1)]
    [TestCase(3, 2, 4)]
    public void StampOf_EqualStampsNameEqualIterates_AndWorkersOfOneUploadShareOne(int workers, int maxAge, int sitOut)
    {
        // Workers upload at random; with sitOut > 1 a worker takes part in an iteration only now and then (partial
        // participation), so the ring turns over under iterates that workers still hold (their own copies).
        var iterates = new UploadIterates<float>(workers, [0f, 0f], maxAge);
        var other = new UploadIterates<float>(workers, [0f, 0f], maxAge);
        var seen = new Dictionary<long, float[]> { [other.StampOf(0)] = [0f, 0f] };
        var random = new Random(11);
        var lastUpload = new int[workers];
        for (var k = 1; k < 80; k++)
        {
            float[] theta = [k, -k];
            var stampsThisIteration = new HashSet<long>();
            for (var m = 0; m < workers; m++)
            {
                if (random.Next(sitOut) == 0 && (random.Next(3) == 0 || k - lastUpload[m] >= maxAge))
                {
                    iterates.Uploaded(m, k, theta);
                    lastUpload[m] = k;
                    stampsThisIteration.Add(iterates.StampOf(m));
                }

                var stamp = iterates.StampOf(m);
                var values = iterates.Of(m).ToArray();
                Assert.That(values, Is.EqualTo(new float[] { lastUpload[m], -lastUpload[m] }), $"worker {m} at {k}");
                if (seen.TryGetValue(stamp, out var earlier))
                {
                    Assert.That(values, Is.EqualTo(earlier), $"worker {m} at {k}: stamp {stamp} named other values before");
                }

                seen[stamp] = values;
            }

            if (maxAge + 1 <= 2 * workers)
            {
                Assert.That(stampsThisIteration, Has.Count.AtMost(1), $"the ring: the uploads of iteration {k} share one stamp");
            }
        }

        Assert.That(iterates.StampOf(0), Is.Not.EqualTo(other.StampOf(0)), "stamps are unique across instances too");
    }

    [Test]
    public void StampOf_PerWorkerMode_ChangesWithEveryUpload()
    {
        var iterates = UploadIterates<float>.PerWorker(2, [0f]);
        Assert.That(iterates.StampOf(0), Is.EqualTo(iterates.StampOf(1)), "both read theta^0");

        iterates.Uploaded(0, 1, [1f]);
        var first = iterates.StampOf(0);
        iterates.Uploaded(0, 1, [2f]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.Not.EqualTo(iterates.StampOf(1)));
            Assert.That(iterates.StampOf(0), Is.Not.EqualTo(first), "a new copy, even at the same iteration number");
        }
    }
}
