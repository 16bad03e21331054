using GpuLm.Minpack;
using Xunit;

namespace GpuLm.Tests.Minpack;

/// <summary>
/// <see cref="Fdjac2"/>: MINPACK's forward-difference steps, exactly, and the Jacobian of a
/// linear problem.
/// </summary>
public sealed class Fdjac2Tests
{
    [Fact]
    public void Compute_LinearResiduals_ColumnsMatchCoefficients()
    {
        const int m = 7;
        const int n = 3;
        double[] coefficients = MinpackTestMatrices.Random(new Random(801), m, n);
        var fcn = new LinearFunction(m, n, coefficients, []);
        double[] x = [0.75, -2.5, 0.0];
        var fvec = new double[m];
        fcn.Residuals(x, fvec);
        var fjac = new double[m * n];

        Fdjac2.Compute(ref fcn, m, n, x, fvec, fjac, m, MinpackConstants.NumpyEps, new double[m]);

        // Forward differences of a linear function err only by rounding: about eps/sqrt(eps).
        for (int k = 0; k < m * n; k++)
        {
            Assert.True(
                Math.Abs(fjac[k] - coefficients[k]) <= 1e-6,
                $"fjac[{k}] = {fjac[k]:R}, coefficient {coefficients[k]:R}");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-6)]
    [InlineData(1e-20)]
    public void Compute_Steps_AreMinpackRuleAndXIsRestored(double epsfcn)
    {
        const int m = 4;
        const int n = 3;
        var calls = new List<double[]>();
        var fcn = new LinearFunction(m, n, new double[m * n], calls);
        double[] x = [3.0, 0.0, -1e-3];
        double[] original = (double[])x.Clone();

        Fdjac2.Compute(ref fcn, m, n, x, new double[m], new double[m * n], m, epsfcn, new double[m]);

        // h = sqrt(max(epsfcn, epsmch))·|x_j|, or the bare square root where x_j = 0; epsmch
        // is MINPACK's literal 2.22044604926e-16, not 2^-52.
        double eps = Math.Sqrt(Math.Max(epsfcn, 2.22044604926e-16));
        Assert.Equal(n, calls.Count);
        for (int j = 0; j < n; j++)
        {
            double h = original[j] == 0.0 ? eps : eps * Math.Abs(original[j]);
            for (int k = 0; k < n; k++)
            {
                Assert.Equal(k == j ? original[j] + h : original[k], calls[j][k]);
            }
        }

        Assert.Equal(original, x);
    }

    private struct LinearFunction(int m, int n, double[] coefficients, List<double[]> calls) : IMinpackFunction
    {
        public readonly void Residuals(ReadOnlySpan<double> x, Span<double> fvec)
        {
            calls.Add(x.ToArray());
            for (int i = 0; i < m; i++)
            {
                double sum = 0.0;
                for (int j = 0; j < n; j++)
                {
                    sum += coefficients[i + j * m] * x[j];
                }

                fvec[i] = sum;
            }
        }

        public readonly void Jacobian(ReadOnlySpan<double> x, Span<double> fjac) =>
            throw new InvalidOperationException("fdjac2 never asks for the analytic Jacobian.");
    }
}
