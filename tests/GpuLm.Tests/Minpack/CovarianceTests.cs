using GpuLm.Minpack;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace GpuLm.Tests.Minpack;

/// <summary>
/// <see cref="Covariance"/>: cov_x = (AᵀA)⁻¹ from lmder's fjac and ipvt, against Math.NET's
/// inverse of the normal matrix, and the singular case scipy reports as None.
/// </summary>
public sealed class CovarianceTests
{
    public static TheoryData<int, int, int> Problems() => new()
    {
        { 1, 1, 701 },
        { 4, 4, 702 },
        { 10, 3, 703 },
        { 25, 6, 704 },
        { 60, 12, 705 },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void TryCompute_FullRankFjac_EqualsInverseNormalMatrix(int m, int n, int seed)
    {
        FactoredProblem p = FactoredProblem.Create(m, n, seed);
        var cov = new double[n * n];

        bool ok = Covariance.TryCompute(m, n, p.CopyR(), p.Ipvt, cov, new double[n * n]);

        Assert.True(ok);
        Matrix<double> expected = p.A.TransposeThisAndMultiply(p.A).Inverse();
        Matrix<double> actual = Matrix<double>.Build.DenseOfColumnMajor(n, n, cov);
        double error = MinpackTestMatrices.RelativeError(expected, actual);
        Assert.True(error <= 1e-10, $"‖cov − (AᵀA)⁻¹‖/‖(AᵀA)⁻¹‖ = {error:E3}");
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void TryCompute_FullRankFjac_ExactlySymmetric(int m, int n, int seed)
    {
        FactoredProblem p = FactoredProblem.Create(m, n, seed);
        var cov = new double[n * n];

        Assert.True(Covariance.TryCompute(m, n, p.CopyR(), p.Ipvt, cov, new double[n * n]));

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                Assert.Equal(cov[i + j * n], cov[j + i * n]);
            }
        }
    }

    [Fact]
    public void TryCompute_HandBuiltR_ExactInversePermutedAndIgnoresBelowDiagonal()
    {
        // R = [[2, 1], [0, 4]]: R⁻¹ = [[1/2, −1/8], [0, 1/4]] and
        // R⁻¹R⁻ᵀ = [[17/64, −1/32], [−1/32, 1/16]], exact in binary. With ipvt = [1, 0]
        // the covariance is that matrix with both axes swapped. The m − n extra row and the
        // strict lower triangle hold Householder vectors in lmder's fjac: NaN here, unread.
        const int m = 3;
        const int n = 2;
        double[] fjac =
        [
            2.0, double.NaN, double.NaN,
            1.0, 4.0, double.NaN,
        ];
        var cov = new double[n * n];

        Assert.True(Covariance.TryCompute(m, n, fjac, [1, 0], cov, new double[n * n]));

        Assert.Equal([1.0 / 16.0, -1.0 / 32.0, -1.0 / 32.0, 17.0 / 64.0], cov);
    }

    [Fact]
    public void TryCompute_QrfacOfZeroColumn_ReturnsFalse()
    {
        const int m = 8;
        const int n = 3;
        double[] a = MinpackTestMatrices.Random(new Random(711), m, n);
        double[] b = MinpackTestMatrices.Random(new Random(712), m, 1);
        for (int i = 0; i < m; i++)
        {
            a[i + 1 * m] = 0.0;
        }

        FactoredProblem p = FactoredProblem.Create(m, n, a, b);

        Assert.False(Covariance.TryCompute(m, n, p.CopyR(), p.Ipvt, new double[n * n], new double[n * n]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void TryCompute_ExactZeroOnRDiagonal_ReturnsFalse(int zeroAt)
    {
        const int n = 3;
        double[] fjac =
        [
            3.0, 0.0, 0.0,
            1.0, 2.0, 0.0,
            -1.0, 0.5, 1.5,
        ];
        fjac[zeroAt + zeroAt * n] = zeroAt == 1 ? -0.0 : 0.0;

        Assert.False(Covariance.TryCompute(n, n, fjac, [0, 1, 2], new double[n * n], new double[n * n]));
    }

    [Fact]
    public void TryCompute_TinyButNonzeroDiagonal_ReturnsTrue()
    {
        // Only an exact zero makes trtri fail; a nearly singular R still has an inverse.
        const int n = 2;
        double[] fjac = [1.0, 0.0, 0.0, 1e-150];
        var cov = new double[n * n];

        Assert.True(Covariance.TryCompute(n, n, fjac, [0, 1], cov, new double[n * n]));
        Assert.Equal(1.0, cov[0]);
        Assert.Equal(1e300, cov[3], 1e-15 * 1e300);
    }
}
