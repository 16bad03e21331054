using GpuLm.Minpack;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Xunit;

namespace GpuLm.Tests.Minpack;

/// <summary>
/// <see cref="Qrsolv"/>: the solution of min ‖[A; D]·x − [b; 0]‖ from qrfac's R and Qᵀb,
/// against Math.NET's QR solve of the stacked system, and S with
/// Pᵀ(AᵀA + D²)P = SᵀS.
/// </summary>
public sealed class QrsolvTests
{
    public static TheoryData<int, int, int> Problems() => new()
    {
        { 1, 1, 501 },
        { 5, 5, 502 },
        { 9, 4, 503 },
        { 30, 7, 504 },
        { 50, 12, 505 },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Solve_PositiveDiagonal_MatchesStackedLeastSquares(int m, int n, int seed)
    {
        FactoredProblem p = FactoredProblem.Create(m, n, seed);
        double[] d = RandomDiagonal(new Random(seed + 1000), n, zeroEntry: -1);

        Solution s = Solve(p, d);

        Vector<double> expected = p.SolveStacked(d);
        double error = MinpackTestMatrices.RelativeError(expected, s.X);
        Assert.True(error <= 1e-10, $"relative error {error:E3}");
    }

    [Theory]
    [InlineData(9, 4, 511, 0)]
    [InlineData(9, 4, 512, 2)]
    [InlineData(30, 7, 513, 6)]
    public void Solve_DiagonalWithOneZero_MatchesStackedLeastSquares(int m, int n, int seed, int zeroEntry)
    {
        FactoredProblem p = FactoredProblem.Create(m, n, seed);
        double[] d = RandomDiagonal(new Random(seed + 1000), n, zeroEntry);

        Solution s = Solve(p, d);

        double error = MinpackTestMatrices.RelativeError(p.SolveStacked(d), s.X);
        Assert.True(error <= 1e-10, $"relative error {error:E3}");
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Solve_ZeroDiagonal_EqualsPlainLeastSquares(int m, int n, int seed)
    {
        FactoredProblem p = FactoredProblem.Create(m, n, seed);

        Solution s = Solve(p, new double[n]);

        Vector<double> expected = p.A.QR(QRMethod.Thin).Solve(p.B);
        double error = MinpackTestMatrices.RelativeError(expected, s.X);
        Assert.True(error <= 1e-10, $"relative error {error:E3}");
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Solve_ZeroDiagonal_SdiagIsRDiagonal(int m, int n, int seed)
    {
        FactoredProblem p = FactoredProblem.Create(m, n, seed);
        Matrix<double> r = p.R();

        Solution s = Solve(p, new double[n]);

        for (int j = 0; j < n; j++)
        {
            Assert.Equal(r[j, j], s.Sdiag[j]);
        }
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Solve_PositiveDiagonal_STransposeSEqualsPermutedRegularisedNormalMatrix(int m, int n, int seed)
    {
        FactoredProblem p = FactoredProblem.Create(m, n, seed);
        double[] d = RandomDiagonal(new Random(seed + 1000), n, zeroEntry: -1);

        Solution s = Solve(p, d);

        // S: diagonal sdiag; S(k, i) for i > k stored transposed at r[i + k*ldr].
        Matrix<double> sMatrix = Matrix<double>.Build.Dense(n, n);
        for (int k = 0; k < n; k++)
        {
            sMatrix[k, k] = s.Sdiag[k];
            for (int i = k + 1; i < n; i++)
            {
                sMatrix[k, i] = s.R[i + k * m];
            }
        }

        Matrix<double> normal = p.A.TransposeThisAndMultiply(p.A)
            + Matrix<double>.Build.DenseOfDiagonalArray(d.Select(v => v * v).ToArray());
        Matrix<double> permuted = Matrix<double>.Build.Dense(n, n, (i, j) => normal[p.Ipvt[i], p.Ipvt[j]]);
        double error = MinpackTestMatrices.RelativeError(permuted, sMatrix.TransposeThisAndMultiply(sMatrix));
        Assert.True(error <= 1e-13, $"‖SᵀS − Pᵀ(AᵀA + D²)P‖/‖·‖ = {error:E3}");
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Solve_PositiveDiagonal_UpperTriangleOfRUnaltered(int m, int n, int seed)
    {
        FactoredProblem p = FactoredProblem.Create(m, n, seed);
        double[] before = p.CopyR();
        double[] d = RandomDiagonal(new Random(seed + 1000), n, zeroEntry: -1);

        Solution s = Solve(p, d);

        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i <= j; i++)
            {
                Assert.Equal(before[i + j * m], s.R[i + j * m]);
            }
        }
    }

    internal static Solution Solve(FactoredProblem p, ReadOnlySpan<double> d)
    {
        double[] r = p.CopyR();
        var x = new double[p.N];
        var sdiag = new double[p.N];
        var wa = new double[p.N];
        Qrsolv.Solve(p.N, r, p.M, p.Ipvt, d, p.Qtb, x, sdiag, wa);
        return new Solution(x, sdiag, r);
    }

    private static double[] RandomDiagonal(Random rng, int n, int zeroEntry)
    {
        double[] d = Enumerable.Range(0, n).Select(_ => 0.1 + 1.9 * rng.NextDouble()).ToArray();
        if (zeroEntry >= 0)
        {
            d[zeroEntry] = 0.0;
        }

        return d;
    }

    internal sealed record Solution(double[] X, double[] Sdiag, double[] R);
}
