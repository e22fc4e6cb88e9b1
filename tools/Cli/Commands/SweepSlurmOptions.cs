using System.CommandLine;
using System.Globalization;
using Sasg.Experiments.Sweeps.Slurm;

namespace Sasg.Cli.Commands;

/// <summary>The options of <c>sasg sweep --engine slurm</c>: what each array task asks of the cluster, the batching of
/// replay cells, and <c>--wait</c>.</summary>
internal sealed class SweepSlurmOptions
{
    private readonly Option<string?> _partition = new("--partition") { Description = "Slurm: the partition (default: the cluster's default)." };
    private readonly Option<string?> _time = new("--time") { Description = "Slurm: each task's time limit, e.g. 00:30:00 (default: the partition's)." };
    private readonly Option<int?> _cpusPerTask = new("--cpus-per-task") { Description = "Slurm: CPUs per task (default: the site's)." };
    private readonly Option<string?> _memory = new("--mem") { Description = "Slurm: memory per task's node, e.g. 4G (default: the site's)." };
    private readonly Option<int?> _maxConcurrent = new("--max-concurrent") { Description = "Slurm: the most tasks of an array running at once (the array's %K)." };
    private readonly Option<int?> _cellsPerTask = new("--cells-per-task") { Description = "Slurm: replay cells per task (default: about a minute of work)." };
    private readonly Option<string[]> _sbatchArguments = new("--sbatch-arg")
    {
        Description = "Slurm: a further sbatch option, e.g. --sbatch-arg=--account=proj (repeatable; written as #SBATCH lines).",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<bool> _wait = new("--wait") { Description = "Slurm: block, showing progress, until every cell has ended; then collect." };

    public void AddTo(Command command)
    {
        foreach (var option in Options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether --wait was given.</summary>
    public bool Wait(ParseResult parseResult) => parseResult.GetValue(_wait);

    /// <summary>The name of the first Slurm option given, or null.</summary>
    public string? FirstGiven(ParseResult parseResult) =>
        Options.FirstOrDefault(o => parseResult.GetResult(o) is { Implicit: false })?.Name;

    /// <summary>The options, or null after one line on <paramref name="error"/> for an impossible value.</summary>
    public SlurmSweepOptions? Read(ParseResult parseResult, TextWriter error)
    {
        foreach (var (option, value) in new[] { (_cpusPerTask, parseResult.GetValue(_cpusPerTask)), (_maxConcurrent, parseResult.GetValue(_maxConcurrent)), (_cellsPerTask, parseResult.GetValue(_cellsPerTask)) })
        {
            if (value is < 1)
            {
                error.WriteLine($"sasg: {option.Name} must be at least 1 (got {value.Value.ToString(CultureInfo.InvariantCulture)})");
                return null;
            }
        }

        return new SlurmSweepOptions
        {
            Partition = parseResult.GetValue(_partition),
            Time = parseResult.GetValue(_time),
            CpusPerTask = parseResult.GetValue(_cpusPerTask),
            Memory = parseResult.GetValue(_memory),
            MaxConcurrent = parseResult.GetValue(_maxConcurrent),
            CellsPerTask = parseResult.GetValue(_cellsPerTask),
            SbatchArguments = parseResult.GetValue(_sbatchArguments) ?? [],
        };
    }

    private IEnumerable<Option> Options => [_partition, _time, _cpusPerTask, _memory, _maxConcurrent, _cellsPerTask, _sbatchArguments, _wait];
}
