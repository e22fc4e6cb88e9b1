using System.Runtime.CompilerServices;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Driver;

public sealed class DecisionStoreTests
{
    private const string Label = "SASG";

    [TestCase(false)]
    [TestCase(true)]
    public void ReadBack_AcrossBlocks_IsEveryRowAsAdded(bool spooled)
    {
        using var folder = new TemporaryDirectory();
        using var store = new DecisionStore(Label, spooled ? Path.Combine(folder.Path, "d.spool") : null);
        var rows = Rows(2 * DecisionStore.BlockRecords + 123).ToList();

        rows.ForEach(store.Add);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(store.Count, Is.EqualTo(rows.Count));
            Assert.That(store.All(), Is.EqualTo(rows));
            Assert.That(store.All()[DecisionStore.BlockRecords + 5], Is.EqualTo(rows[DecisionStore.BlockRecords + 5]));
            Assert.That(store.Prefix(DecisionStore.BlockRecords + 1), Is.EqualTo(rows.Take(DecisionStore.BlockRecords + 1)));
        }
    }

    [Test]
    public void Spool_HoldsAllButTheLastBlock_At26BytesADecision_AndIsDeletedOnDispose()
    {
        using var folder = new TemporaryDirectory();
        var spool = Path.Combine(folder.Path, "d.spool");
        var store = new DecisionStore(Label, spool);

        foreach (var row in Rows((3 * DecisionStore.BlockRecords) + 7))
        {
            store.Add(row);
        }

        var length = new FileInfo(spool).Length;
        store.Dispose();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(length, Is.EqualTo(3L * DecisionStore.BlockRecords * 26), "the full blocks are on disk, the last one is not");
            Assert.That(File.Exists(spool), Is.False);
        }
    }

    [Test]
    public void CountBefore_LeavesOutTheIterationBeingRecorded()
    {
        using var store = new DecisionStore(Label);
        foreach (var row in Rows(10 * 7))
        {
            store.Add(row);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(store.CountBefore(10), Is.EqualTo(70));
            Assert.That(store.CountBefore(4), Is.EqualTo(28));
            Assert.That(store.CountBefore(0), Is.Zero);
        }
    }

    [Test]
    public void Add_RefusesAnotherMethodsRow_AndAWordThatIsNotADecision()
    {
        using var store = new DecisionStore(Label);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => store.Add(new DecisionRow("SGD", 0, 0, "upload", 1, 1, true)), Throws.ArgumentException);
            Assert.That(() => store.Add(new DecisionRow(Label, 0, 0, "uploaded", 1, 1, true)), Throws.ArgumentException);
            Assert.That(store.Count, Is.Zero);
        }
    }

    [Test]
    public void TheDecisionsCsvOfASpooledRun_IsTheBytesOfTheInMemoryOne()
    {
        var plan = TinyPlans.Stochastic("SGD", "SASG", "Top-k");
        using var folder = new TemporaryDirectory();
        var inMemory = ExperimentDriver.Run(plan);
        string spooledCsv;
        using (var recorder = new RunRecorder(plan, folder.Path))
        {
            var spooled = ExperimentDriver.Run(plan, recorder: recorder, parallelMethods: 2);
            Assert.That(Directory.GetFiles(folder.Path, "decisions-*.spool.tmp-*"), Has.Length.EqualTo(plan.Algorithms.Count));
            spooledCsv = CsvTables.Decisions(spooled.SelectMany(r => r.Decisions));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(spooledCsv, Is.EqualTo(CsvTables.Decisions(inMemory.SelectMany(r => r.Decisions))));
            Assert.That(Directory.GetFiles(folder.Path), Is.Empty, "disposing the recorder deletes its spools");
        }
    }

    [Test]
    public void APackedDecision_Is26Bytes()
    {
        var packed = typeof(DecisionStore).GetNestedType("Packed", System.Reflection.BindingFlags.NonPublic)!;
        var size = (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(packed).Invoke(null, null)!;

        Assert.That(size, Is.EqualTo(26));
    }

    private static IEnumerable<DecisionRow> Rows(int count)
    {
        const int workers = 7;
        string[] words = ["upload", "skip", "not-requested"];
        for (var i = 0; i < count; i++)
        {
            var decision = words[i % 3];
            yield return new DecisionRow(
                Label, i / workers, i % workers, decision, decision == "upload" ? 1_000L + i : 0, (long)i * 1_000_003, i % 3 != 2);
        }
    }
}
