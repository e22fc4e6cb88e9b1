using Sasg.Learning.Data;
using Sasg.NetSim.Trace;
using TorchSharp;

namespace Sasg.Experiments.Driver;

/// <summary>Runs every method of a <see cref="RunPlan"/>, each from the same initial model, one after another or
/// several at once.</summary>
public static class ExperimentDriver
{
    /// <summary>Held while seeding TorchSharp and drawing a model's initial weights (the seed is process-wide).</summary>
    internal static readonly Lock ModelInitialisation = new();

    /// <summary>Runs the plan; <paramref name="traceFor"/> may give a trace sink per method label (null: no trace);
    /// <paramref name="progress"/> is told of every completed iteration (from several threads when methods run side by
    /// side); up to <paramref name="parallelMethods"/> methods run at the same time; <paramref name="recorder"/> (made
    /// for this plan) receives every evaluation point and decision as it is computed, so that a caller can checkpoint
    /// the run and keep what was computed when it fails.</summary>
    /// <remarks>
    /// Each method has its own model and generators, and only reads the data tensors the methods share, so running
    /// several at once changes nothing in their results. libtorch is held to one thread throughout (its process-wide setting): oneMKL's results depend on its
    /// thread count, so a fixed count keeps the bits the same whether methods run one after another or side by side,
    /// and the cores go to whole methods instead.
    /// </remarks>
    public static IReadOnlyList<AlgorithmResult> Run(
        RunPlan plan,
        Func<string, ITraceSink?>? traceFor = null,
        Action<RunProgress>? progress = null,
        int parallelMethods = 1,
        RunRecorder? recorder = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelMethods, 1);
        Validate(plan);
        recorder ??= new RunRecorder(plan);
        if (recorder.Count != plan.Algorithms.Count)
        {
            throw new ArgumentException("The recorder was made for another plan; make one for this plan.", nameof(recorder));
        }

        torch.set_num_threads(1);
        using var tensors = new RunTensors(plan);
        var specs = plan.Algorithms;
        var traces = specs.Select(spec => traceFor?.Invoke(spec.Label)).ToArray();
        var results = new AlgorithmResult[specs.Count];
        if (parallelMethods == 1 || specs.Count == 1)
        {
            for (var i = 0; i < specs.Count; i++)
            {
                results[i] = RunOne(plan, i, traces[i], progress, recorder, tensors);
            }

            return results;
        }

        // A method that fails stops the others at their next iteration, so its error is not held back until they
        // finish; the first real error is the one reported.
        using var failed = new CancellationTokenSource();
        void Report(RunProgress p)
        {
            failed.Token.ThrowIfCancellationRequested();
            progress?.Invoke(p);
        }

        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        try
        {
            // One method at a time to whichever thread is free (not ranges of methods, which could hand the two
            // heaviest methods to the same thread).
            var order = System.Collections.Concurrent.Partitioner.Create(
                Enumerable.Range(0, specs.Count), System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering);
            Parallel.ForEach(
                order,
                new ParallelOptions { MaxDegreeOfParallelism = parallelMethods },
                i =>
                {
                    try
                    {
                        results[i] = RunOne(plan, i, traces[i], Report, recorder, tensors);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        errors.Enqueue(ex);
                        failed.Cancel();
                        throw;
                    }
                });
        }
        catch (AggregateException) when (errors.TryPeek(out var first))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }

        return results;
    }

    private static AlgorithmResult RunOne(
        RunPlan plan, int index, ITraceSink? trace, Action<RunProgress>? progress, RunRecorder recorder, RunTensors tensors)
    {
        var spec = plan.Algorithms[index];
        try
        {
            if (plan.Protocol.Kind != Scenarios.ProtocolKind.Synchronous)
            {
                // Time decides what is learned: the protocol process on the event-driven network.
                return plan.DoublePrecision
                    ? new TimedAlgorithmRunner<double>(plan, spec, trace, progress, recorder[index], tensors).Run()
                    : new TimedAlgorithmRunner<float>(plan, spec, trace, progress, recorder[index], tensors).Run();
            }

            return plan.DoublePrecision
                ? new AlgorithmRunner<double>(plan, spec, trace, progress, recorder[index], tensors).Run()
                : new AlgorithmRunner<float>(plan, spec, trace, progress, recorder[index], tensors).Run();
        }
        catch (Exception ex)
        {
            recorder.Fail(index, ex);
            throw;
        }
    }

    /// <summary>Checks that <paramref name="plan"/> can run (what <see cref="Run"/> checks before it starts), so that a
    /// caller can refuse a plan before it touches a results folder.</summary>
    /// <exception cref="ArgumentException">The plan cannot run; the message says why.</exception>
    public static void Validate(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.WorkerData.Count != plan.Topology.WorkerCount)
        {
            throw new ArgumentException(
                $"The plan has data for {plan.WorkerData.Count} workers but a network of {plan.Topology.WorkerCount}.");
        }

        if (plan.WorkerData.Any(d => d.Count == 0))
        {
            throw new ArgumentException("Every worker needs at least one sample; use fewer workers or more data.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Iterations, 1, nameof(plan.Iterations));
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.EvaluateEvery, 1, nameof(plan.EvaluateEvery));
        if (plan.Algorithms.Count == 0)
        {
            throw new ArgumentException("The plan names no algorithm.");
        }

        if (plan.Augmentation != Scenarios.TrainingAugmentation.None
            && (plan.BatchSize is null || plan.WorkerData.Any(d => d.SampleShape.Count != 3)))
        {
            throw new ArgumentException("Crop-flip augmentation needs minibatches (a batch size) of images [C, H, W].");
        }

        var duplicate = plan.Algorithms.GroupBy(a => a.Label, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two algorithms share the label '{duplicate.Key}'; give each a distinct label.");
        }
    }

    /// <summary>The union of the workers' data, for the training-loss evaluation: the first <paramref name="limit"/>
    /// samples of the parts, in order (all of them by default).</summary>
    internal static Dataset Union(IReadOnlyList<Dataset> parts, int limit = int.MaxValue)
    {
        var first = parts[0];
        if (parts.Any(p => p.FeatureCount != first.FeatureCount))
        {
            throw new ArgumentException("The parts of a union must have the same number of features.", nameof(parts));
        }

        // Shards of one training set are its rows: the union is then a subset of it, with nothing copied.
        if (Dataset.RowsOfOneSource(parts, limit, "train") is { } rows)
        {
            return rows;
        }

        var count = (int)Math.Min(limit, parts.Sum(p => (long)p.Count));
        var width = first.FeatureCount;
        var features = new double[checked(count * width)];
        var labels = first.Labels is null ? null : new int[count];
        var targets = first.Targets is null ? null : new double[count];
        var at = 0;
        foreach (var part in parts)
        {
            var n = Math.Min(part.Count, count - at);
            if (n <= 0)
            {
                break;
            }

            for (var i = 0; i < n; i++)
            {
                part.CopyRowTo(i, features.AsSpan((at + i) * width, width));
            }

            if (labels is not null)
            {
                part.Labels!.AsSpan(0, n).CopyTo(labels.AsSpan(at));
            }

            if (targets is not null)
            {
                part.Targets!.AsSpan(0, n).CopyTo(targets.AsSpan(at));
            }

            at += n;
        }

        // Mixed sources may differ in class count (CIFAR-100 beside MNIST): the union has the larger.
        return new Dataset("train", count, first.SampleShape, features, labels, parts.Max(p => p.ClassCount), targets);
    }
}
