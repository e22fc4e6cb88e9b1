using MathNet.Numerics.LinearAlgebra;
using Sasg.Learning.Data;

namespace Sasg.Learning.Tests.Algorithms;

/// <summary>An independent re-implementation of the LAG authors' loops (nips2018synlinear.m) for least squares, in plain
/// double arithmetic: worker gradients H_m theta - b_m with H_m = X_m'X_m and b_m = X_m'y, the rules written as the
/// MATLAB code writes them, and the code's upload counter next to the real uploads. Nothing here calls the
/// algorithms under test or TorchSharp.</summary>
internal sealed class PlainLagReference
{
    private const int Window = 10;

    private readonly double[][] _h;
    private readonly double[][] _b;
    private readonly double[][] _x;
    private readonly double[] _y;
    private readonly double[] _smoothness;
    private readonly double[][] _directions;

    public PlainLagReference(IReadOnlyList<Dataset> workers, IReadOnlyList<double> smoothness, double stepSize)
    {
        Workers = workers.Count;
        Dimension = workers[0].FeatureCount;
        Alpha = stepSize;
        _smoothness = [.. smoothness];
        _y = workers[0].Targets!;
        _x = workers.Select(w => w.Features).ToArray();
        _h = new double[Workers][];
        _b = new double[Workers][];
        _directions = new double[Workers][];
        var n = workers[0].Count;
        var d = Dimension;
        for (var m = 0; m < Workers; m++)
        {
            var x = _x[m];
            var h = new double[d * d];
            var b = new double[d];
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    double s = 0;
                    for (var r = 0; r < n; r++)
                    {
                        s += x[(r * d) + i] * x[(r * d) + j];
                    }

                    h[(i * d) + j] = s;
                }

                double t = 0;
                for (var r = 0; r < n; r++)
                {
                    t += x[(r * d) + i] * _y[r];
                }

                b[i] = t;
            }

            _h[m] = h;
            _b[m] = b;
            _directions[m] = Direction(h, d);
        }

        var total = Matrix<double>.Build.Dense(d, d, (i, j) => _h.Sum(h => h[(i * d) + j]));
        var rhs = Vector<double>.Build.Dense(d, i => _b.Sum(b => b[i]));
        Minimizer = [.. total.Solve(rhs)];
        Optimum = Objective(Minimizer);
    }

    public int Workers { get; }

    public int Dimension { get; }

    public double Alpha { get; }

    public double[] Minimizer { get; }

    public double Optimum { get; }

    /// <summary>sum_m 0.5 ||X_m theta - y||^2.</summary>
    public double Objective(double[] theta)
    {
        var d = Dimension;
        double total = 0;
        foreach (var x in _x)
        {
            for (var r = 0; r < _y.Length; r++)
            {
                double s = -_y[r];
                for (var j = 0; j < d; j++)
                {
                    s += x[(r * d) + j] * theta[j];
                }

                total += 0.5 * s * s;
            }
        }

        return total;
    }

    /// <summary>Runs <paramref name="method"/> ("GD", "LAG-WK", "LAG-PS", "Cyc-IAG") until |f(theta^k) - f*| &lt;
    /// <paramref name="tolerance"/> or the budget ends. As in the MATLAB loops, iteration k first makes its uploads and
    /// counts them, then tests the loss of theta^k (computed before the step) and prints the counter: the run reports
    /// the counter before and after iteration k.</summary>
    public PlainRun Run(string method, bool codeFaithful, double tolerance, int budget)
    {
        var d = Dimension;
        var m = Workers;
        var theta = new double[d];
        var stored = new double[m][];
        for (var w = 0; w < m; w++)
        {
            stored[w] = new double[d];
            if (codeFaithful)
            {
                Array.Fill(stored[w], 1.0);
            }
        }

        // LAG-PS: the server's copies of the last-upload iterates, at theta^0 = 0.
        var lastIterate = Enumerable.Range(0, m).Select(_ => new double[d]).ToArray();
        var changes = new List<double>();
        var perIteration = new List<int>();
        var stepRatios = new List<double>();
        var errorFactors = new List<double>();
        long uploads = 0;
        long counter = method is "LAG-WK" or "LAG-PS" && codeFaithful ? 1 : 0;
        var xi = method == "LAG-PS" ? 1.0 : 1.0 / Window;
        var thrd = xi / (Alpha * Alpha * m * m);
        var step = method == "Cyc-IAG" ? Alpha / m : Alpha;
        for (var k = 0; k < budget; k++)
        {
            var reached = Math.Abs(Objective(theta) - Optimum) < tolerance;
            var (uploadsBefore, counterBefore) = (uploads, counter);
            var trigger = 0.0;
            for (var n = 0; n < Math.Min(Window, changes.Count); n++)
            {
                trigger += changes[changes.Count - 1 - n];
            }

            var here = 0;
            for (var w = 0; w < m; w++)
            {
                bool upload;
                switch (method)
                {
                    case "GD":
                        upload = !codeFaithful || k > 0;
                        break;
                    case "Cyc-IAG":
                        upload = codeFaithful ? k > 0 && w == (k + 1) % m : k == 0 || w == (k - 1) % m;
                        break;
                    case "LAG-WK":
                        {
                            var ruleApplies = codeFaithful ? k >= Window : k > 0;
                            var fresh = Gradient(w, theta);
                            upload = ruleApplies ? SquaredDistance(fresh, stored[w]) > thrd * trigger : !codeFaithful;
                            break;
                        }

                    case "LAG-PS":
                        {
                            var ruleApplies = codeFaithful ? k >= Window : k > 0;
                            var lm = _smoothness[w];
                            upload = ruleApplies ? lm * lm * SquaredDistance(lastIterate[w], theta) > thrd * trigger : !codeFaithful;
                            break;
                        }

                    default:
                        throw new ArgumentException(method, nameof(method));
                }

                if (upload)
                {
                    stored[w] = Gradient(w, theta);
                    lastIterate[w] = (double[])theta.Clone();
                    here++;
                }
            }

            uploads += here;
            counter += !codeFaithful ? here
                : method == "GD" ? m
                : method == "Cyc-IAG" ? 1
                : here == 0 && (k + 1) % 1000 == 0 ? 1 : here;
            if (reached)
            {
                // `if abs(loss5(iter) - loss2(end)) < accuracy, comm_iter5`: after iteration k's uploads.
                return new PlainRun(k, uploadsBefore, counterBefore, counter, perIteration, stepRatios, errorFactors);
            }

            perIteration.Add(here);

            var sum = new double[d];
            foreach (var g in stored)
            {
                for (var i = 0; i < d; i++)
                {
                    sum[i] += g[i];
                }
            }

            if (method == "GD" && codeFaithful && k == 0)
            {
                // The code's GD holds one all-ones vector as its summed gradient until iteration 2.
                Array.Fill(sum, 1.0);
            }

            var fullNow = new double[d];
            for (var w = 0; w < m; w++)
            {
                var g = Gradient(w, theta);
                for (var i = 0; i < d; i++)
                {
                    fullNow[i] += g[i];
                }
            }

            var slowNow = SlowPart(fullNow);
            if (slowNow != 0)
            {
                stepRatios.Add(SlowPart(sum) / slowNow);
            }

            var errorBefore = SlowError(theta);

            double change = 0;
            for (var i = 0; i < d; i++)
            {
                var delta = step * sum[i];
                theta[i] -= delta;
                change += delta * delta;
            }

            changes.Add(change);
            if (errorBefore != 0)
            {
                errorFactors.Add(SlowError(theta) / errorBefore);
            }
        }

        return new PlainRun(null, uploads, counter, counter, perIteration, stepRatios, errorFactors);
    }

    private double[] Gradient(int worker, double[] theta)
    {
        var d = Dimension;
        var h = _h[worker];
        var g = new double[d];
        for (var i = 0; i < d; i++)
        {
            double s = -_b[worker][i];
            for (var j = 0; j < d; j++)
            {
                s += h[(i * d) + j] * theta[j];
            }

            g[i] = s;
        }

        return g;
    }

    // The signed length of v's component on the slow subspace (the complement of span{q_m}, where the total Hessian is
    // M I), measured along the minimizer's slow part: every slow component of these iterations is parallel to it.
    private double SlowPart(double[] v)
    {
        var slow = (double[])v.Clone();
        foreach (var q in _directions)
        {
            var dot = q.Select((value, i) => value * v[i]).Sum();
            for (var i = 0; i < slow.Length; i++)
            {
                slow[i] -= dot * q[i];
            }
        }

        var reference = (double[])Minimizer.Clone();
        foreach (var q in _directions)
        {
            var dot = q.Select((value, i) => value * Minimizer[i]).Sum();
            for (var i = 0; i < reference.Length; i++)
            {
                reference[i] -= dot * q[i];
            }
        }

        var norm = Math.Sqrt(reference.Sum(r => r * r));
        return slow.Select((s, i) => s * reference[i]).Sum() / norm;
    }

    private double SlowError(double[] theta) => SlowPart(theta.Select((t, i) => t - Minimizer[i]).ToArray());

    // q_m from H_m = I + kappa q_m q_m': the unit column of H_m - I with the largest norm.
    private static double[] Direction(double[] h, int d)
    {
        var best = new double[d];
        var bestNorm = 0.0;
        for (var j = 0; j < d; j++)
        {
            var column = new double[d];
            for (var i = 0; i < d; i++)
            {
                column[i] = h[(i * d) + j] - (i == j ? 1 : 0);
            }

            var norm = Math.Sqrt(column.Sum(c => c * c));
            if (norm > bestNorm)
            {
                bestNorm = norm;
                best = column;
            }
        }

        return best.Select(c => c / bestNorm).ToArray();
    }

    private static double SquaredDistance(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var t = a[i] - b[i];
            s += t * t;
        }

        return s;
    }
}
