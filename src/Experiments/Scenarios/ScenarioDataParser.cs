using System.Globalization;
using Newtonsoft.Json.Linq;
using Sasg.Learning.Data;
using Sasg.Learning.Partitioning;

namespace Sasg.Experiments.Scenarios;

/// <summary>Reads the <c>data</c> block: the fields that apply depend on <c>source</c>.</summary>
internal static class ScenarioDataParser
{
    private static readonly string[] Synthetic = ["base", "samples", "features", "gaussianColumns", "targets", "labels"];
    private static readonly string[] Uci = ["sets", "workersPerSet", "dropRemainder", "path", "labels"];
    private static readonly string[] Image = ["partition", "normalize", "trainSamples", "testSamples"];
    private static readonly string[] CifarTen = [.. Image, "path"];
    private static readonly string[] CifarHundred = [.. CifarTen, "labels"];
    private static readonly string[] Mixed = [.. CifarHundred, "sources"];
    private static readonly string[] Libsvm = ["path", "labels", "testFraction", "partition"];
    private static readonly string[] Csv = [.. Libsvm, "labelColumn", "hasHeader"];
    private static readonly string[] Common = ["source", "workers"];

    public static ScenarioData? Parse(ScenarioJsonReader r, JObject data)
    {
        var source = r.Word(data, "source", ScenarioWords.Sources, required: true);
        var workers = r.Int(data, "workers", 1, "9", required: true, max: ScenarioLimits.MaxWorkers);
        var fields = source switch
        {
            DataSource.LagSynthetic => Synthetic,
            DataSource.LagUci => Uci,
            DataSource.FashionMnist or DataSource.MnistJson => Image,
            DataSource.Mixed => Mixed,
            DataSource.Cifar10 => CifarTen,
            DataSource.Cifar100 => CifarHundred,
            DataSource.Csv => Csv,
            DataSource.Libsvm => Libsvm,
            _ => null,
        };
        if (fields is null)
        {
            // Without a valid source only the common fields can be judged; the rest would be noise.
            return null;
        }

        var known = Synthetic.Concat(Uci).Concat(Mixed).Concat(Csv).ToHashSet();
        var sourceWord = ScenarioWords.Sources.WordOf(source!.Value);
        r.Fields(data, [.. Common, .. fields], name => known.Contains(name) ? $"does not apply to source '{sourceWord}'" : null);
        var m = workers ?? 1;
        return source switch
        {
            DataSource.LagSynthetic => new ScenarioData(source.Value, m, ReadSynthetic(r, data, workers), null, null, null, null),
            DataSource.LagUci => new ScenarioData(source.Value, m, null, ReadUci(r, data, workers), null, null, null),
            DataSource.Csv or DataSource.Libsvm => new ScenarioData(
                source.Value, m, null, null, null, ReadTable(r, data, source.Value), ReadPartition(r, data, workers, 0, TableLabels(data))),
            _ => ImageData(r, data, source.Value, m, workers),
        };
    }

    private static ScenarioSyntheticData ReadSynthetic(ScenarioJsonReader r, JObject data, int? workers)
    {
        var growth = r.Number(data, "base", v => v > 0, "a number greater than 0", "1.3") ?? 1.3;
        var samples = r.Int(data, "samples", 1, "50");
        var features = r.Int(data, "features", 1, "50");
        var columns = r.Int(data, "gaussianColumns", 1, "14");
        var labels = r.Word(data, "labels", ScenarioWords.SyntheticLabels) ?? LabelKind.Target;
        List<double>? targets = null;
        if (r.Array(data, "targets", "an array of numbers", "[1.5, 2.5]") is { } array)
        {
            targets = [];
            foreach (var item in array)
            {
                targets.Add(r.Number(item, _ => true, "a number", "1.5") ?? 0);
            }
        }

        var d = features ?? 50;
        var n = samples ?? 50;
        if (samples is not null && features is not null && n != d)
        {
            r.Report(ScenarioJsonReader.PathOf(data["samples"]!), $"samples ({Text(n)}) must equal features ({Text(d)}) in the LAG construction", $"write \"samples\": {Text(d)}");
        }
        else if (samples is not null && features is null && n != d)
        {
            r.Report(ScenarioJsonReader.PathOf(data["samples"]!), $"samples ({Text(n)}) must equal features (default 50)", $"also write \"features\": {Text(n)}");
        }
        else if (features is not null && samples is null && n != d)
        {
            r.Report(ScenarioJsonReader.PathOf(data["features"]!), $"features ({Text(d)}) must equal samples (default 50)", $"also write \"samples\": {Text(d)}");
        }

        if (workers is { } m && !LagSyntheticOptions.SmoothnessIsFinite(growth, m))
        {
            r.Report(ScenarioJsonReader.PathOf(data["workers"]!), $"with base {growth.ToString(CultureInfo.InvariantCulture)}, worker {Text(m)}'s smoothness (1 + base^(workers-1))^2 is not a finite number", "write fewer workers or \"base\": 1");
        }

        if (workers is { } w && samples is not null && features is not null && (double)w * n * d > ScenarioLimits.MaxSyntheticValues)
        {
            r.Report(
                ScenarioJsonReader.PathOf(data["samples"]!),
                $"{Text(w)} workers x {Text(n)} samples x {Text(d)} features is more than the {ScenarioLimits.MaxSyntheticValues.ToString("N0", CultureInfo.InvariantCulture)} values the synthetic data may hold",
                $"write at most {Text((int)Math.Sqrt(ScenarioLimits.MaxSyntheticValues / (double)w))} samples and features");
        }

        if (columns is { } c && c > d)
        {
            r.Report(ScenarioJsonReader.PathOf(data["gaussianColumns"]!), $"gaussianColumns ({Text(c)}) exceeds features ({Text(d)})", $"write at most {Text(d)}");
        }

        var targetCount = targets?.Count ?? LagSyntheticProblem.BodyFatTargets.Count;
        if (targetCount != n)
        {
            r.Report(
                ScenarioJsonReader.PathOf(data, "targets"),
                $"{Text(targetCount)} targets for {Text(n)} samples" + (targets is null ? " (the default Body Fat targets are 50)" : string.Empty),
                $"write \"targets\" with exactly {Text(n)} numbers");
        }

        if (labels == LabelKind.SignedBinary && (targets is null || targets.Any(t => t is not (1.0 or -1.0))))
        {
            r.Report(
                ScenarioJsonReader.PathOf(data, "targets"),
                "\"labels\": \"sign\" needs targets that are all -1 or +1",
                targets is null ? $"write \"targets\" with {Text(n)} values of -1 or +1" : "map the labels to -1 and +1 (0 becomes -1)");
        }
        else if (labels == LabelKind.AsStored && (targets is null || targets.Any(t => t is not (0.0 or 1.0 or -1.0))))
        {
            r.Report(
                ScenarioJsonReader.PathOf(data, "targets"),
                "\"labels\": \"as-stored\" needs binary targets (0/1 or -1/+1)",
                targets is null ? $"write \"targets\" with {Text(n)} values of 0 or 1" : "write only 0 and 1 (or -1 and +1)");
        }

        return new ScenarioSyntheticData(growth, n, d, columns ?? 14, targets, labels);
    }

    private static ScenarioUciData ReadUci(ScenarioJsonReader r, JObject data, int? workers)
    {
        var sets = new List<string>();
        var example = "[\"housing\", \"bodyfat\", \"abalone\"]";
        if (r.Array(data, "sets", "an array of set names", example, required: true) is { } array)
        {
            if (array.Count == 0)
            {
                r.Report(ScenarioJsonReader.PathOf(array), "no sets named", $"write at least one set, for example {example}");
            }

            foreach (var item in array)
            {
                var name = r.String(item, "\"housing\"");
                var canonical = ScenarioWords.UciSets.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
                if (name is not null && canonical is null)
                {
                    r.Report(ScenarioJsonReader.PathOf(item), $"unknown LAG set '{name}'", $"write one of {string.Join(", ", ScenarioWords.UciSets.Select(s => $"\"{s}\""))}");
                }

                if (canonical is not null)
                {
                    sets.Add(canonical);
                }
            }
        }

        var perSet = r.Int(data, "workersPerSet", 1, "3");
        var drop = r.Bool(data, "dropRemainder") ?? true;
        var labels = r.Word(data, "labels", ScenarioWords.UciLabels) ?? LabelKind.SignedBinary;
        var path = r.String(data, "path", "\"data/lag-uci\"");
        string? resolved = null;
        if (path is not null)
        {
            resolved = r.ResolvePath(path);
            if (r.DataFolderMissing(resolved))
            {
                r.Report(ScenarioJsonReader.PathOf(data["path"]!), $"folder '{resolved}' does not exist", "write the lag-uci folder, relative to the scenario file, or leave \"path\" out to search the usual places");
            }
        }

        var countOk = data["sets"] is JArray named && named.Count == sets.Count && sets.Count > 0;
        if (countOk && workers is { } m && m != sets.Count * (perSet ?? 3))
        {
            r.Report(
                ScenarioJsonReader.PathOf(data["workers"]!),
                $"{Text(m)} workers do not match {Text(sets.Count)} sets x {Text(perSet ?? 3)} workers per set",
                $"write \"workers\": {Text(sets.Count * (perSet ?? 3))}");
        }

        return new ScenarioUciData(sets, perSet ?? 3, drop, resolved, labels);
    }

    private static ScenarioData ImageData(ScenarioJsonReader r, JObject data, DataSource source, int m, int? workers)
    {
        var images = ReadImages(r, data, source);
        var classes = !images.Sources.Contains(DataSource.Cifar100) ? 10
            : images.Cifar100Labels == CifarLabels.Coarse ? Cifar100.CoarseClassCount : Cifar100.FineClassCount;
        return new ScenarioData(source, m, null, null, images, null, ReadPartition(r, data, workers, classes, LabelKind.Class));
    }

    private static ScenarioImageData ReadImages(ScenarioJsonReader r, JObject data, DataSource source)
    {
        IReadOnlyList<DataSource> sources = [source];
        if (source == DataSource.Mixed)
        {
            sources = [DataSource.FashionMnist, DataSource.MnistJson];
            var example = "[\"fashion-mnist\", \"mnist-json\"]";
            if (r.Array(data, "sources", "an array of image sources", example) is { } array)
            {
                var read = array.Select(item => r.Word(item, ScenarioWords.ImageSources)).ToList();
                if (array.Count < 2 || read.Distinct().Count() != array.Count)
                {
                    r.Report(ScenarioJsonReader.PathOf(array), "a mixed source needs at least two distinct image sources", $"write {example}");
                }

                sources = read.Where(s => s is not null).Select(s => s!.Value).ToArray();
            }
        }

        var cifar = sources.Count(s => s is DataSource.Cifar10 or DataSource.Cifar100);
        var normalize = r.Word(data, "normalize", ScenarioWords.Normalizations) ?? (cifar > 0 ? ImageNormalization.Dataset : ImageNormalization.Mnist);
        var train = r.Int(data, "trainSamples", 1, "1000");
        var test = r.Int(data, "testSamples", 1, "200");
        string? resolved = null;
        if (r.String(data, "path", "\"data/cifar-10-batches-bin\"") is { } path)
        {
            if (source == DataSource.Mixed && cifar != 1)
            {
                r.Report(
                    ScenarioJsonReader.PathOf(data["path"]!),
                    cifar == 0 ? "\"path\" names the CIFAR source's folder, but no source is cifar10 or cifar100" : "\"path\" cannot name the folders of two CIFAR sources",
                    cifar == 0 ? "leave \"path\" out" : "leave \"path\" out and put both sets where the usual search finds them ('sasg data' says where)");
            }
            else if (source is DataSource.Cifar10 or DataSource.Cifar100 or DataSource.Mixed)
            {
                resolved = r.ResolvePath(path);
                if (r.DataFolderMissing(resolved))
                {
                    r.Report(ScenarioJsonReader.PathOf(data["path"]!), $"folder '{resolved}' does not exist", "write the folder of the CIFAR files (or the one the archive was unpacked into), relative to the scenario file, or leave \"path\" out to search the usual places");
                }
            }
        }

        var labels = CifarLabels.Fine;
        if (sources.Contains(DataSource.Cifar100))
        {
            labels = r.Word(data, "labels", ScenarioWords.CifarLabelWords) ?? CifarLabels.Fine;
        }
        else if (source == DataSource.Mixed && data["labels"] is not null)
        {
            r.Report(ScenarioJsonReader.PathOf(data["labels"]!), "\"labels\" chooses CIFAR-100's fine or coarse labels, but no source is cifar100", "leave \"labels\" out");
        }

        return new ScenarioImageData(sources, normalize, train, test, resolved, labels);
    }

    private static ScenarioTableData ReadTable(ScenarioJsonReader r, JObject data, DataSource source)
    {
        var path = r.String(data, "path", "\"data/table.csv\"", required: true);
        var resolved = path is null ? string.Empty : r.ResolvePath(path);
        if (path is not null && r.DataFileMissing(resolved))
        {
            r.Report(ScenarioJsonReader.PathOf(data["path"]!), $"file '{resolved}' does not exist", "write a path relative to the scenario file's folder");
        }

        var labels = r.Word(data, "labels", ScenarioWords.Labels) ?? LabelKind.Target;
        var labelColumn = source == DataSource.Csv ? r.Int(data["labelColumn"], int.MinValue, int.MaxValue, "a whole number (negative counts from the end)", "-1") ?? -1 : -1;
        var hasHeader = source != DataSource.Csv || (r.Bool(data, "hasHeader") ?? true);
        var testFraction = r.Number(data, "testFraction", v => v is >= 0 and < 1, "a number in [0, 1)", "0.2") ?? 0;
        return new ScenarioTableData(resolved, labels, labelColumn, hasHeader, testFraction);
    }

    private static LabelKind TableLabels(JObject data) =>
        data["labels"] is { Type: JTokenType.String } token && ScenarioWords.Labels.TryGet(token.Value<string>()!, out var kind)
            ? kind
            : LabelKind.Target;

    private static ScenarioPartition ReadPartition(ScenarioJsonReader r, JObject data, int? workers, int classes, LabelKind labelKind)
    {
        if (r.Object(data, "partition", example: "{ \"kind\": \"iid\" }") is not { } partition)
        {
            return ScenarioPartition.Default;
        }

        var kind = r.Word(partition, "kind", ScenarioWords.Partitions) ?? PartitionKind.Iid;
        var kindWord = ScenarioWords.Partitions.WordOf(kind);
        string[] applicable = kind switch
        {
            PartitionKind.LabelSkew => ["kind", "classesPerWorker", "remainder"],
            PartitionKind.Dirichlet => ["kind", "alpha", "remainder"],
            _ => ["kind", "remainder"],
        };
        r.Fields(partition, applicable, name => name switch
        {
            "classesPerWorker" => $"applies only to \"kind\": \"label-skew\", not '{kindWord}'",
            "alpha" => $"applies only to \"kind\": \"dirichlet\", not '{kindWord}'",
            _ => null,
        });
        int? perWorker = null;
        double? alpha = null;
        if (kind == PartitionKind.LabelSkew)
        {
            perWorker = r.Int(partition, "classesPerWorker", 1, "2", required: true);
            if (perWorker is { } c && workers is { } m && classes > 0 && (c > classes || m * c < classes))
            {
                r.Report(
                    ScenarioJsonReader.PathOf(partition["classesPerWorker"]!),
                    $"{Text(m)} workers x {Text(c)} classes per worker cannot cover {Text(classes)} classes exactly",
                    $"write a value in {Text((classes + m - 1) / m)}..{Text(classes)}");
            }
        }
        else if (kind == PartitionKind.Dirichlet)
        {
            alpha = r.Number(partition, "alpha", v => v > 0, "a number greater than 0", "0.5", required: true);
        }

        var remainder = r.Word(partition, "remainder", ScenarioWords.Remainders) ?? RemainderPolicy.Spread;
        if (kind is PartitionKind.LabelSkew or PartitionKind.Dirichlet && labelKind is LabelKind.Target or LabelKind.SignedBinary)
        {
            r.Report(
                ScenarioJsonReader.PathOf(partition, "kind"),
                $"'{kindWord}' needs class labels but data.labels is '{ScenarioWords.Labels.WordOf(labelKind)}'",
                "write \"labels\": \"class\" or \"binary\" in data, or use \"kind\": \"iid\"");
        }

        return new ScenarioPartition(kind, perWorker, alpha, remainder);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
