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
    public void AllocatedBytes_PerWorkerMode_GrowsOnlyWithTheWorkersThatUploaded()
    {
        var iterates = new UploadIterates<float>(1000, new float[10], int.MaxValue);
        var before = iterates.AllocatedBytes;
        iterates.Uploaded(7, 1, new float[10]);

        Assert.That(iterates.AllocatedBytes - before, Is.EqualTo(40));
    }
}
