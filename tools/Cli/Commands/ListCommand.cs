using System.CommandLine;
using Sasg.Experiments.Driver;
using Sasg.Learning.Data;
using Sasg.Learning.Encoding;
using Spectre.Console;

namespace Sasg.Cli.Commands;

/// <summary><c>sasg list</c>: the algorithms, datasets, encodings and network policies a scenario may name.</summary>
internal static class ListCommand
{
    private static readonly Dictionary<string, string> AlgorithmDescriptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GD"] = "full-batch gradient descent; every worker uploads every iteration",
        ["SGD"] = "minibatch SGD; every worker uploads every iteration",
        ["LAG-WK"] = "LAG, worker-side rule: upload if the gradient changed more than recent iterates",
        ["LAG-PS"] = "LAG, server-side rule: ask a worker when L_m times its iterate drift is large",
        ["Cyc-IAG"] = "incremental aggregated gradient, one worker per iteration in turn",
        ["Num-IAG"] = "incremental aggregated gradient, one worker per iteration drawn by L_m",
        ["LASG-WK2"] = "LASG: same minibatch at the current and last-upload iterate decides the upload",
        ["LASG-SASG"] = "LASG as the SASG authors' code runs it: SASG's skip rule with dense uploads, no error feedback",
        ["LASG-PS"] = "LASG, server-side rule with a max delay",
        ["Top-k"] = "top 1% per tensor with error feedback, every worker every iteration",
        ["Random-k"] = "random 1% per tensor with error feedback",
        ["SASG"] = "LASG-WK2 skipping + per-tensor top-k with error feedback + max delay",
        ["Sign-SGD"] = "sign of the gradient with a scale and error feedback",
        ["QSGD"] = "stochastic quantization to s levels",
        ["LAQ"] = "lazily aggregated b-bit quantized gradient innovations",
    };

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("list", "List algorithms, datasets, wire encodings and network policies.");
        command.SetAction(_ =>
        {
            var algorithms = new Table().Title("algorithms").AddColumn("name").AddColumn("what it does");
            foreach (var name in AlgorithmFactory.KnownNames)
            {
                algorithms.AddRow(Markup.Escape(name), Markup.Escape(AlgorithmDescriptions.GetValueOrDefault(name, string.Empty)));
            }

            var datasets = new Table().Title("datasets").AddColumn("name").AddColumn("what it is");
            foreach (var dataset in KnownDatasets.All)
            {
                datasets.AddRow(Markup.Escape(dataset.Name), Markup.Escape(dataset.Description));
            }

            datasets.AddRow("lag-synthetic", "the LAG paper's synthetic least-squares problem, built in memory");
            var encodings = new Table().Title("wire encodings").AddColumn("name").AddColumn("layout");
            foreach (var encoding in WireEncodings.All)
            {
                encodings.AddRow(Markup.Escape(encoding.Name), Markup.Escape(encoding.Description));
            }

            var network = new Table().Title("network").AddColumn("setting").AddColumn("words");
            network.AddRow("ingress", "sequential-push, sequential-pull, fair-share, unlimited");
            network.AddRow("broadcast", "parallel, sequential, binomial-tree");
            network.AddRow("partition", "iid, sorted-by-label, label-skew, dirichlet");
            console.Write(algorithms);
            console.Write(datasets);
            console.Write(encodings);
            console.Write(network);
            return ExitCodes.Ok;
        });
        return command;
    }
}
