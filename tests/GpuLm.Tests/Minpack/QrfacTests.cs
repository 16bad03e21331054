using GpuLm.Minpack;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Xunit;

namespace GpuLm.Tests.Minpack;

/// <summary>
/// <see cref="Qrfac"/>: A·P = Q·R rebuilt from MINPACK's factored form, pivoting order, column
/// norms, and |R|'s diagonal against Math.NET's Householder QR.
/// </summary>
public sealed class QrfacTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 1, 101 },
        { 3, 3, 102 },
        { 7, 4, 103 },
        { 10, 10, 104 },
        { 25, 6, 105 },
        { 40, 1, 106 },
        { 60, 12, 107 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Factor_RandomWithPivot_ReconstructsAP(int m, int n, int seed)
    {
        double[] original = MinpackTestMatrices.Random(new Random(seed), m, n);
        Factored f = FactorCopy(m, n, original, m, pivot: true);

        Matrix<double> ap = MinpackTestMatrices.PermuteColumns(
            MinpackTestMatrices.ToMatrix(m, n, original, m), f.Ipvt);
        Matrix<double> qr = MinpackTestMatrices.MultiplyQR(m, n, f.A, m, f.Rdiag);

        Assert.True(
            MinpackTestMatrices.RelativeError(ap, qr) <= 1e-14,
            $"‖AP − QR‖/‖A‖ = {MinpackTestMatrices.RelativeError(ap, qr):E3}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Factor_RandomWithPivot_IpvtIsPermutation(int m, int n, int seed)
    {
        double[] original = MinpackTestMatrices.Random(new Random(seed), m, n);
        Factored f = FactorCopy(m, n, original, m, pivot: true);

        Assert.Equal(Enumerable.Range(0, n), f.Ipvt.Order());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Factor_RandomWithPivot_RdiagMagnitudesNonIncreasing(int m, int n, int seed)
    {
        double[] original = MinpackTestMatrices.Random(new Random(seed), m, n);
        Factored f = FactorCopy(m, n, original, m, pivot: true);

        // The pivot is chosen by downdated norms, which may trail the true ones by rounding.
        for (int j = 1; j < n; j++)
        {
            Assert.True(
                Math.Abs(f.Rdiag[j]) <= Math.Abs(f.Rdiag[j - 1]) * (1.0 + 1e-12),
                $"|rdiag[{j}]| = {Math.Abs(f.Rdiag[j]):R} > |rdiag[{j - 1}]| = {Math.Abs(f.Rdiag[j - 1]):R}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Factor_Random_AcnormEqualsInputColumnNorms(int m, int n, int seed)
    {
        double[] original = MinpackTestMatrices.Random(new Random(seed), m, n);
        Factored f = FactorCopy(m, n, original, m, pivot: true);

        Matrix<double> a = MinpackTestMatrices.ToMatrix(m, n, original, m);
        for (int j = 0; j < n; j++)
        {
            double expected = a.Column(j).L2Norm();
            Assert.True(
                Math.Abs(f.Acnorm[j] - expected) <= 1e-14 * expected,
                $"acnorm[{j}] = {f.Acnorm[j]:R}, column norm {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Factor_RandomWithPivot_RdiagMagnitudesMatchMathNetQR(int m, int n, int seed)
    {
        double[] original = MinpackTestMatrices.Random(new Random(seed), m, n);
        Factored f = FactorCopy(m, n, original, m, pivot: true);

        Matrix<double> ap = MinpackTestMatrices.PermuteColumns(
            MinpackTestMatrices.ToMatrix(m, n, original, m), f.Ipvt);
        Matrix<double> r = ap.QR(QRMethod.Thin).R;
        for (int j = 0; j < n; j++)
        {
            double expected = Math.Abs(r[j, j]);
            Assert.True(
                Math.Abs(Math.Abs(f.Rdiag[j]) - expected) <= 1e-12 * expected,
                $"|rdiag[{j}]| = {Math.Abs(f.Rdiag[j]):R}, Math.NET |R_jj| = {expected:R}");
        }
    }

    [Theory]
    [InlineData(4, 4, 201)]
    [InlineData(9, 5, 202)]
    public void Factor_WithoutPivot_LeavesIpvtAndFactorsAItself(int m, int n, int seed)
    {
        double[] original = MinpackTestMatrices.Random(new Random(seed), m, n);
        Factored f = FactorCopy(m, n, original, m, pivot: false, ipvtSentinel: -7);

        Assert.All(f.Ipvt, p => Assert.Equal(-7, p));

        Matrix<double> a = MinpackTestMatrices.ToMatrix(m, n, original, m);
        Matrix<double> qr = MinpackTestMatrices.MultiplyQR(m, n, f.A, m, f.Rdiag);
        Assert.True(MinpackTestMatrices.RelativeError(a, qr) <= 1e-14);

        Matrix<double> r = a.QR(QRMethod.Thin).R;
        for (int j = 0; j < n; j++)
        {
            double expected = Math.Abs(r[j, j]);
            Assert.True(Math.Abs(Math.Abs(f.Rdiag[j]) - expected) <= 1e-12 * expected);
        }
    }

    [Fact]
    public void Factor_LeadingDimensionBeyondM_LeavesPaddingRowsAndMatchesPackedResult()
    {
        const int m = 6;
        const int n = 4;
        const int lda = 9;
        double[] packed = MinpackTestMatrices.Random(new Random(301), m, n);
        var padded = new double[lda * n];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < lda; i++)
            {
                padded[i + j * lda] = i < m ? packed[i + j * m] : double.NaN;
            }
        }

        Factored p = FactorCopy(m, n, packed, m, pivot: true);
        Factored q = FactorCopy(m, n, padded, lda, pivot: true);

        Assert.Equal(p.Ipvt, q.Ipvt);
        Assert.Equal(p.Rdiag, q.Rdiag);
        Assert.Equal(p.Acnorm, q.Acnorm);
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < lda; i++)
            {
                double value = q.A[i + j * lda];
                if (i < m)
                {
                    Assert.Equal(p.A[i + j * m], value);
                }
                else
                {
                    Assert.True(double.IsNaN(value), $"padding a[{i}, {j}] overwritten with {value:R}");
                }
            }
        }
    }

    [Fact]
    public void Factor_ZeroAndDuplicatedColumns_TrailingRdiagZeroAndNoThrow()
    {
        // Columns: random, zero, a copy of column 0, random. Rank 2.
        const int m = 8;
        const int n = 4;
        double[] original = MinpackTestMatrices.Random(new Random(401), m, n);
        for (int i = 0; i < m; i++)
        {
            original[i + 1 * m] = 0.0;
            original[i + 2 * m] = original[i];
        }

        Factored f = FactorCopy(m, n, original, m, pivot: true);

        Assert.All(f.A, v => Assert.True(double.IsFinite(v)));
        Assert.All(f.Rdiag, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(1, f.Ipvt[^1]);
        Assert.Equal(0.0, f.Rdiag[3]);
        double scale = Math.Abs(f.Rdiag[0]);
        Assert.True(Math.Abs(f.Rdiag[1]) > 1e-3 * scale);
        Assert.True(
            Math.Abs(f.Rdiag[2]) <= 1e-14 * scale,
            $"|rdiag[2]| = {Math.Abs(f.Rdiag[2]):R} for a duplicated column");
        Assert.Equal(0.0, f.Acnorm[1]);

        Matrix<double> ap = MinpackTestMatrices.PermuteColumns(
            MinpackTestMatrices.ToMatrix(m, n, original, m), f.Ipvt);
        Matrix<double> qr = MinpackTestMatrices.MultiplyQR(m, n, f.A, m, f.Rdiag);
        Assert.True(MinpackTestMatrices.RelativeError(ap, qr) <= 1e-14);
    }

    [Fact]
    public void Factor_AllZeroMatrix_ZeroRdiagIdentityPermutation()
    {
        const int m = 5;
        const int n = 3;
        Factored f = FactorCopy(m, n, new double[m * n], m, pivot: true);

        Assert.Equal([0, 1, 2], f.Ipvt);
        Assert.All(f.Rdiag, v => Assert.Equal(0.0, v));
        Assert.All(f.Acnorm, v => Assert.Equal(0.0, v));
        Assert.All(f.A, v => Assert.Equal(0.0, v));
    }

    internal static Factored FactorCopy(
        int m, int n, double[] a, int lda, bool pivot, int ipvtSentinel = 0)
    {
        double[] work = (double[])a.Clone();
        int[] ipvt = Enumerable.Repeat(ipvtSentinel, n).ToArray();
        var rdiag = new double[n];
        var acnorm = new double[n];
        var wa = new double[n];
        Qrfac.Factor(m, n, work, lda, pivot, ipvt, rdiag, acnorm, wa);
        return new Factored(work, ipvt, rdiag, acnorm);
    }

    internal sealed record Factored(double[] A, int[] Ipvt, double[] Rdiag, double[] Acnorm);
}
