using GpuLm.Minpack;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Xunit;

namespace GpuLm.Tests.Minpack;

/// <summary>
/// <see cref="Lmpar"/>: MINPACK's contract on par and ‖D·x‖ for trust regions inside and
/// outside the Gauss-Newton step, and x as the regularised least-squares solution at par.
/// </summary>
public sealed class LmparTests
{
    /// <summary>Problem shape and seed, delta as a multiple of ‖D·x_GN‖, initial par.</summary>
    public static TheoryData<int, int, int, double, double> Cases()
    {
        var data = new TheoryData<int, int, int, double, double>();
        (int M, int N, int Seed)[] problems = [(6, 3, 601), (15, 5, 602), (40, 8, 603)];
        double[] deltaFactors = [10.0, 1.05, 0.8, 0.5, 0.1, 1e-2, 1e-4];
        foreach ((int m, int n, int seed) in problems)
        {
            foreach (double factor in deltaFactors)
            {
                data.Add(m, n, seed, factor, 0.0);
                data.Add(m, n, seed, factor, 1.0);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_Delta_SatisfiesMinpackContract(int m, int n, int seed, double deltaFactor, double initialPar)
    {
        FactoredProblem p = FactoredProblem.Create(m, n, seed);
        double delta = deltaFactor * GaussNewtonScaledNorm(p);

        (double par, double[] x) = Run(p, delta, initialPar);

        double dxnorm = ScaledNorm(p.Acnorm, x);
        Assert.True(par >= 0.0, $"par = {par:R}");
        if (par == 0.0)
        {
            Assert.True(dxnorm - delta <= 0.1 * delta, $"par = 0, ‖Dx‖ = {dxnorm:R}, delta = {delta:R}");
        }
        else
        {
            Assert.True(
                Math.Abs(dxnorm - delta) <= 0.1 * delta,
                $"par = {par:R}, ‖Dx‖ = {dxnorm:R}, delta = {delta:R}");
        }

        // The Gauss-Newton step is accepted exactly when it lies within 1.1·delta.
        Assert.Equal(deltaFactor >= 1.0 / 1.1, par == 0.0);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_Delta_XSolvesRegularisedLeastSquaresAtPar(int m, int n, int seed, double deltaFactor, double initialPar)
    {
        FactoredProblem p = FactoredProblem.Create(m, n, seed);
        double delta = deltaFactor * GaussNewtonScaledNorm(p);

        (double par, double[] x) = Run(p, delta, initialPar);

        double sqrtPar = Math.Sqrt(par);
        double[] d = p.Acnorm.Select(v => sqrtPar * v).ToArray();
        double error = MinpackTestMatrices.RelativeError(p.SolveStacked(d), x);
        Assert.True(error <= 1e-10, $"par = {par:R}: relative error {error:E3}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compute_Delta_XEqualsQrsolvAtParBitwiseOrGaussNewtonAtZero(int m, int n, int seed, double deltaFactor, double initialPar)
    {
        FactoredProblem p = FactoredProblem.Create(m, n, seed);
        double delta = deltaFactor * GaussNewtonScaledNorm(p);

        (double par, double[] x) = Run(p, delta, initialPar);

        if (par == 0.0)
        {
            // The Gauss-Newton step comes from lmpar's own back substitution, not qrsolv.
            Vector<double> gaussNewton = p.A.QR(QRMethod.Thin).Solve(p.B);
            Assert.True(MinpackTestMatrices.RelativeError(gaussNewton, x) <= 1e-10);
            return;
        }

        double sqrtPar = Math.Sqrt(par);
        double[] d = p.Acnorm.Select(v => sqrtPar * v).ToArray();
        QrsolvTests.Solution expected = QrsolvTests.Solve(p, d);
        Assert.Equal(expected.X, x);
    }

    [Fact]
    public void Compute_PositivePar_UpperTriangleOfRUnaltered()
    {
        FactoredProblem p = FactoredProblem.Create(15, 5, 611);
        double[] r = p.CopyR();
        double[] before = p.CopyR();
        double par = 0.0;
        var x = new double[p.N];
        double delta = 0.1 * GaussNewtonScaledNorm(p);

        Lmpar.Compute(
            p.N, r, p.M, p.Ipvt, p.Acnorm, p.Qtb, delta, ref par, x,
            new double[p.N], new double[p.N], new double[p.N]);

        Assert.True(par > 0.0);
        for (int j = 0; j < p.N; j++)
        {
            for (int i = 0; i <= j; i++)
            {
                Assert.Equal(before[i + j * p.M], r[i + j * p.M]);
            }
        }
    }

    private static (double Par, double[] X) Run(FactoredProblem p, double delta, double initialPar)
    {
        double[] r = p.CopyR();
        double par = initialPar;
        var x = new double[p.N];
        Lmpar.Compute(
            p.N, r, p.M, p.Ipvt, p.Acnorm, p.Qtb, delta, ref par, x,
            new double[p.N], new double[p.N], new double[p.N]);
        return (par, x);
    }

    private static double GaussNewtonScaledNorm(FactoredProblem p)
    {
        Vector<double> gaussNewton = p.A.QR(QRMethod.Thin).Solve(p.B);
        return ScaledNorm(p.Acnorm, gaussNewton.ToArray());
    }

    private static double ScaledNorm(ReadOnlySpan<double> d, ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int j = 0; j < x.Length; j++)
        {
            sum += d[j] * x[j] * (d[j] * x[j]);
        }

        return Math.Sqrt(sum);
    }
}
