using MathNet.Numerics.LinearAlgebra;

namespace GpuLm.Tests.Minpack;

/// <summary>
/// A random least-squares problem min ‖A·x − b‖ factored the way lmder factors its Jacobian:
/// qrfac with pivoting, Qᵀb formed from the Householder vectors, and R's diagonal written
/// back over the factored array (lmder's <c>fjac(j,j) = rdiag(j)</c>).
/// </summary>
internal sealed class FactoredProblem
{
    private readonly double[] _r;

    private FactoredProblem(
        int m, int n, Matrix<double> a, Vector<double> b, double[] r, int[] ipvt,
        double[] acnorm, double[] qtb)
    {
        M = m;
        N = n;
        A = a;
        B = b;
        _r = r;
        Ipvt = ipvt;
        Acnorm = acnorm;
        Qtb = qtb;
    }

    public int M { get; }

    public int N { get; }

    public Matrix<double> A { get; }

    public Vector<double> B { get; }

    /// <summary>The permutation, 0-based.</summary>
    public int[] Ipvt { get; }

    /// <summary>The column norms of A, which lmder takes as its first scale factors.</summary>
    public double[] Acnorm { get; }

    /// <summary>The first n elements of Qᵀb.</summary>
    public double[] Qtb { get; }

    public static FactoredProblem Create(int m, int n, int seed)
    {
        var rng = new Random(seed);
        double[] a = MinpackTestMatrices.Random(rng, m, n);
        double[] b = MinpackTestMatrices.Random(rng, m, 1);
        return Create(m, n, a, b);
    }

    public static FactoredProblem Create(int m, int n, double[] a, double[] b)
    {
        QrfacTests.Factored f = QrfacTests.FactorCopy(m, n, a, m, pivot: true);
        double[] qtb = (double[])b.Clone();
        MinpackTestMatrices.ApplyQTranspose(m, n, f.A, m, qtb);
        return new FactoredProblem(
            m, n, MinpackTestMatrices.ToMatrix(m, n, a, m), Vector<double>.Build.DenseOfArray(b),
            MinpackTestMatrices.WithDiagonal(m, n, f.A, f.Rdiag), f.Ipvt, f.Acnorm, qtb[..n]);
    }

    /// <summary>A fresh copy of the m×n array holding R in its upper triangle (ldr = m).</summary>
    public double[] CopyR() => (double[])_r.Clone();

    /// <summary>The n×n upper triangular R.</summary>
    public Matrix<double> R()
    {
        Matrix<double> r = Matrix<double>.Build.Dense(N, N);
        for (int j = 0; j < N; j++)
        {
            for (int i = 0; i <= j; i++)
            {
                r[i, j] = _r[i + j * M];
            }
        }

        return r;
    }

    /// <summary>The least-squares solution of [A; D]·x = [b; 0] by Math.NET's QR.</summary>
    public Vector<double> SolveStacked(ReadOnlySpan<double> d)
    {
        Matrix<double> stacked = A.Stack(Matrix<double>.Build.DenseOfDiagonalArray(d.ToArray()));
        Vector<double> rhs = Vector<double>.Build.Dense(M + N);
        B.CopySubVectorTo(rhs, 0, 0, M);
        return stacked.QR().Solve(rhs);
    }
}
