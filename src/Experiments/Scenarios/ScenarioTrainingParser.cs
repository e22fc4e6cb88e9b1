using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Scenarios;

/// <summary>Reads the <c>training</c>, <c>stop</c> and <c>evaluation</c> blocks.</summary>
internal static class ScenarioTrainingParser
{
    public static ScenarioTraining? ParseTraining(ScenarioJsonReader r, JObject training, ModelKind? model)
    {
        r.Fields(training, ["iterations", "epochs", "batchSize", "stepSize", "stepForm", "schedule", "augmentation"]);
        var iterations = r.Int(training, "iterations", 1, "1000");
        var epochs = r.Number(training, "epochs", v => v > 0, "a number greater than 0", "5");
        if (training["iterations"] is not null && training["epochs"] is not null)
        {
            r.Report(ScenarioJsonReader.PathOf(training, "epochs"), "both iterations and epochs are given", "keep only one of \"iterations\" and \"epochs\"");
        }
        else if (training["iterations"] is null && training["epochs"] is null)
        {
            r.Report(ScenarioJsonReader.PathOf(training, "iterations"), "missing training length", "add \"iterations\": 1000 or \"epochs\": 5");
        }

        var convex = model is ModelKind.Linear or ModelKind.Logistic;
        int? batch = convex ? null : 10;
        if (training["batchSize"] is { } batchToken)
        {
            batch = batchToken.Type == JTokenType.String && batchToken.Value<string>() == "full"
                ? null
                : r.Int(batchToken, 1, int.MaxValue, "a whole number of at least 1 or \"full\"", "32");
        }

        double? step = null;
        var stepToken = training["stepSize"];
        if (stepToken is null)
        {
            r.Missing(training, "stepSize", convex ? "\"1/L\"" : "0.1");
        }
        else if (stepToken.Type == JTokenType.String && stepToken.Value<string>() == "1/L")
        {
            if (model is not null && !convex)
            {
                r.Report(ScenarioJsonReader.PathOf(stepToken), $"\"1/L\" needs a known smoothness constant, which only linear and logistic models have", "write a number, for example 0.1");
            }
        }
        else
        {
            step = r.Number(stepToken, v => v > 0, "a number greater than 0 or \"1/L\"", "0.1");
        }

        var form = r.Word(training, "stepForm", ScenarioWords.StepForms) ?? StepForm.Sum;
        var schedule = new List<ScenarioStepChange>();
        if (r.Array(training, "schedule", "an array of { \"atEpoch\", \"stepSize\" } objects", "[{ \"atEpoch\": 10, \"stepSize\": 0.01 }]") is { } array)
        {
            foreach (var item in array)
            {
                if (item is not JObject change)
                {
                    r.Report(ScenarioJsonReader.PathOf(item), $"expected an object, found {ScenarioJsonReader.Describe(item)}", "write { \"atEpoch\": 10, \"stepSize\": 0.01 }");
                    continue;
                }

                r.Fields(change, ["atEpoch", "stepSize"]);
                var at = r.Number(change, "atEpoch", v => v >= 0, "a number of at least 0", "10", required: true);
                var size = r.Number(change, "stepSize", v => v > 0, "a number greater than 0", "0.01", required: true);
                if (at is not null && schedule.Count > 0 && at <= schedule[^1].AtEpoch)
                {
                    r.Report(ScenarioJsonReader.PathOf(change["atEpoch"]!), "epochs in a schedule must increase", "list the changes by increasing \"atEpoch\"");
                }

                if (at is not null && size is not null)
                {
                    schedule.Add(new ScenarioStepChange(at.Value, size.Value));
                }
            }
        }

        var augmentation = r.Word(training, "augmentation", ScenarioWords.Augmentations) ?? TrainingAugmentation.None;
        if (augmentation != TrainingAugmentation.None && batch is null)
        {
            r.Report(ScenarioJsonReader.PathOf(training["augmentation"]!), "augmentation applies to drawn minibatches, and this run uses full batches", "set \"batchSize\", for example 32, or write \"augmentation\": \"none\"");
        }

        return new ScenarioTraining(iterations, epochs, batch, step, form, schedule, augmentation);
    }

    public static ScenarioStop ParseStop(ScenarioJsonReader r, JObject stop, ModelKind? model, double? lambda = null)
    {
        r.Fields(stop, ["objectiveError", "targetAccuracy", "targetLoss", "atTarget", "accuracyMetric"]);
        var objective = r.Number(stop, "objectiveError", v => v > 0, "a number greater than 0", "1e-8");
        if (objective is not null && model is not null and not (ModelKind.Linear or ModelKind.Logistic))
        {
            r.Report(ScenarioJsonReader.PathOf(stop["objectiveError"]!), "objectiveError needs f*, which Sasg computes only for the linear and logistic models", "use \"targetLoss\" or \"targetAccuracy\" instead");
        }
        else if (objective is not null && model == ModelKind.Logistic && lambda is 0)
        {
            r.Report(ScenarioJsonReader.PathOf(stop["objectiveError"]!), "f* of the logistic loss needs \"lambda\" > 0 (without it the minimum may not exist)", "set \"model.lambda\", for example 0.001, or use \"targetLoss\"");
        }

        var accuracy = r.Number(stop, "targetAccuracy", v => v is > 0 and <= 1, "a number in (0, 1]", "0.85");
        if (accuracy is not null && model == ModelKind.Linear)
        {
            r.Report(ScenarioJsonReader.PathOf(stop["targetAccuracy"]!), "a linear (regression) model has no accuracy", "use \"objectiveError\" or \"targetLoss\" instead");
        }

        var loss = r.Number(stop, "targetLoss", _ => true, "a number", "0.3");
        var atTarget = r.Bool(stop, "atTarget") ?? true;
        var metric = r.Word(stop, "accuracyMetric", ScenarioWords.AccuracyMetrics) ?? AccuracyMetric.Top1;
        if (stop["accuracyMetric"] is { } metricToken && stop["targetAccuracy"] is null)
        {
            r.Report(ScenarioJsonReader.PathOf(metricToken), "accuracyMetric says which accuracy targetAccuracy means, and there is no targetAccuracy", "add \"targetAccuracy\": 0.9 or remove \"accuracyMetric\"");
        }
        else if (metric == AccuracyMetric.Top5 && model is ModelKind.Linear or ModelKind.Logistic)
        {
            r.Report(ScenarioJsonReader.PathOf(stop["accuracyMetric"]!), "top-5 accuracy needs a model with one output per class", "use \"top1\", or a softmax, mlp or cnn model");
        }

        return new ScenarioStop(objective, accuracy, loss, atTarget, metric);
    }

    public static ScenarioEvaluation ParseEvaluation(ScenarioJsonReader r, JObject? evaluation, ScenarioTraining? training, ScenarioData? data)
    {
        var fullBatch = training?.FullBatch ?? false;
        var hasTest = data?.HasTestSet ?? false;
        if (evaluation is null)
        {
            return new ScenarioEvaluation(fullBatch ? 1 : 100, hasTest);
        }

        r.Fields(evaluation, ["every", "testSet", "top5"]);
        var every = r.Int(evaluation, "every", 1, "100") ?? (fullBatch ? 1 : 100);
        var testSet = r.Bool(evaluation, "testSet");
        if (testSet == true && data is not null && !hasTest)
        {
            r.Report(ScenarioJsonReader.PathOf(evaluation["testSet"]!), $"source '{ScenarioWords.Sources.WordOf(data.Source)}' has no test set here", "write \"testSet\": false (or a \"testFraction\" above 0 for csv and libsvm)");
        }

        var top5 = r.Bool(evaluation, "top5") ?? false;
        return new ScenarioEvaluation(every, testSet ?? hasTest, top5);
    }
}
