using MathNet.Numerics.LinearAlgebra;

namespace GpuLm.Tests.Minpack;

/// <summary>
/// Column-major matrices as MINPACK stores them, and the oracles that read <c>qrfac</c>'s
/// factored form back into Math.NET matrices.
/// </summary>
internal static class MinpackTestMatrices
{
    /// <summary>An m×n column-major matrix of uniform(−1, 1) entries, leading dimension m.</summary>
    public static double[] Random(Random rng, int m, int n)
    {
        var a = new double[m * n];
        for (int k = 0; k < a.Length; k++)
        {
            a[k] = 2.0 * rng.NextDouble() - 1.0;
        }

        return a;
    }

    /// <summary>The m×n matrix held column-major in <paramref name="a"/>.</summary>
    public static Matrix<double> ToMatrix(int m, int n, ReadOnlySpan<double> a, int lda)
    {
        Matrix<double> result = Matrix<double>.Build.Dense(m, n);
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                result[i, j] = a[i + j * lda];
            }
        }

        return result;
    }

    /// <summary>A·P, where column j of P is column <c>ipvt[j]</c> of the identity.</summary>
    public static Matrix<double> PermuteColumns(Matrix<double> a, ReadOnlySpan<int> ipvt)
    {
        Matrix<double> result = Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount);
        for (int j = 0; j < a.ColumnCount; j++)
        {
            result.SetColumn(j, a.Column(ipvt[j]));
        }

        return result;
    }

    /// <summary>The m×n upper trapezoidal R of a factored <paramref name="a"/>: strictly
    /// above the diagonal from <paramref name="a"/>, the diagonal from
    /// <paramref name="rdiag"/>, zero below.</summary>
    public static Matrix<double> ExtractR(
        int m, int n, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> rdiag)
    {
        Matrix<double> r = Matrix<double>.Build.Dense(m, n);
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < j; i++)
            {
                r[i, j] = a[i + j * lda];
            }

            r[j, j] = rdiag[j];
        }

        return r;
    }

    /// <summary>v := Q·v with Q = H_0·H_1·…·H_(n−1), where H_k = I − (1/u_k)·u·uᵀ and u is
    /// stored in <c>a[k..m, k]</c> (H_k is the identity where qrfac left u_k zero).</summary>
    public static void ApplyQ(int m, int n, ReadOnlySpan<double> a, int lda, Span<double> v)
    {
        for (int k = Math.Min(m, n) - 1; k >= 0; k--)
        {
            ApplyHouseholder(m, k, a, lda, v);
        }
    }

    /// <summary>v := Qᵀ·v = H_(n−1)·…·H_0·v, the way lmder forms Qᵀ·fvec.</summary>
    public static void ApplyQTranspose(int m, int n, ReadOnlySpan<double> a, int lda, Span<double> v)
    {
        for (int k = 0; k < Math.Min(m, n); k++)
        {
            ApplyHouseholder(m, k, a, lda, v);
        }
    }

    /// <summary>Q·R as an m×n matrix, from qrfac's factored output.</summary>
    public static Matrix<double> MultiplyQR(
        int m, int n, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> rdiag)
    {
        Matrix<double> r = ExtractR(m, n, a, lda, rdiag);
        Matrix<double> qr = Matrix<double>.Build.Dense(m, n);
        var column = new double[m];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                column[i] = r[i, j];
            }

            ApplyQ(m, n, a, lda, column);
            qr.SetColumn(j, column);
        }

        return qr;
    }

    /// <summary>R as lmder hands it to lmpar and qrsolv: the factored m×n array with its
    /// diagonal overwritten by rdiag (leading dimension m).</summary>
    public static double[] WithDiagonal(int m, int n, ReadOnlySpan<double> a, ReadOnlySpan<double> rdiag)
    {
        double[] r = a[..(m * n)].ToArray();
        for (int j = 0; j < n; j++)
        {
            r[j + j * m] = rdiag[j];
        }

        return r;
    }

    /// <summary>‖actual − expected‖_F / ‖expected‖_F.</summary>
    public static double RelativeError(Matrix<double> expected, Matrix<double> actual) =>
        (actual - expected).FrobeniusNorm() / expected.FrobeniusNorm();

    /// <summary>‖actual − expected‖₂ / ‖expected‖₂.</summary>
    public static double RelativeError(Vector<double> expected, ReadOnlySpan<double> actual) =>
        (Vector<double>.Build.DenseOfArray(actual.ToArray()) - expected).L2Norm() / expected.L2Norm();

    private static void ApplyHouseholder(int m, int k, ReadOnlySpan<double> a, int lda, Span<double> v)
    {
        int ck = k * lda;
        double uk = a[ck + k];
        if (uk == 0.0)
        {
            return;
        }

        double sum = 0.0;
        for (int i = k; i < m; i++)
        {
            sum += a[ck + i] * v[i];
        }

        double temp = sum / uk;
        for (int i = k; i < m; i++)
        {
            v[i] -= temp * a[ck + i];
        }
    }
}
