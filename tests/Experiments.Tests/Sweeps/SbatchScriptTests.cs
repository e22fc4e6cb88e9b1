using Sasg.Experiments.Sweeps.Slurm;

namespace Sasg.Experiments.Tests.Sweeps;

public sealed class SbatchScriptTests
{
    [Test]
    public void Text_ReplayArray_HasTheArrayLimitDependencyOptionsAndRunCellLine()
    {
        var folder = new SlurmSweepFolder("/shared/sweeps/s1");
        var options = new SlurmSweepOptions
        {
            Partition = "short",
            Time = "00:10:00",
            CpusPerTask = 2,
            Memory = "4G",
            MaxConcurrent = 3,
            SbatchArguments = ["--account=proj"],
        };

        var text = SbatchScript.Text(folder, "tiny sweep", "/shared/sweeps/s1/bin/sasg", training: false, firstTask: 5, count: 4, ["11", "12"], options);

        var lines = text.Split('\n');
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines[0], Is.EqualTo("#!/bin/bash"));
            Assert.That(lines, Does.Contain("#SBATCH --array=0-3%3"));
            Assert.That(lines, Does.Contain("#SBATCH --dependency=afterany:11:12"));
            Assert.That(lines, Does.Contain("#SBATCH --output=/shared/sweeps/s1/logs/%A_%a.out"));
            Assert.That(lines, Does.Contain("#SBATCH --partition=short"));
            Assert.That(lines, Does.Contain("#SBATCH --time=00:10:00"));
            Assert.That(lines, Does.Contain("#SBATCH --cpus-per-task=2"));
            Assert.That(lines, Does.Contain("#SBATCH --mem=4G"));
            Assert.That(lines, Does.Contain("#SBATCH --account=proj"));
            Assert.That(lines, Does.Contain($"#SBATCH --job-name={folder.JobName("tiny sweep")}"));
            Assert.That(lines, Does.Contain("FIRST_TASK=5"));
            Assert.That(lines, Does.Contain("exec '/shared/sweeps/s1/bin/sasg' sweep run-cell '/shared/sweeps/s1' \"$((FIRST_TASK + SLURM_ARRAY_TASK_ID))\""));
        }
    }

    [Test]
    public void Text_TrainingArrayWithDefaults_HasNoDependencyNoLimitAndNoSiteOptions()
    {
        var text = SbatchScript.Text(new SlurmSweepFolder("/s"), "x", "/s/bin/sasg", training: true, firstTask: 0, count: 2, [], new SlurmSweepOptions());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("#SBATCH --array=0-1\n"));
            Assert.That(text, Does.Not.Contain("--dependency").And.Not.Contain("--partition").And.Not.Contain("--time").And.Not.Contain("--mem"));
        }
    }
}
