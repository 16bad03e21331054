using static GpuLm.Minpack.MinpackConstants;

namespace GpuLm.Minpack;

/// <summary>
/// MINPACK <c>fdjac2</c>: a forward-difference approximation to the m×n Jacobian.
/// </summary>
/// <remarks>
/// Column j is <c>(f(x + h·e_j) − f(x)) / h</c> with <c>h = sqrt(max(epsfcn, epsmch))·|x_j|</c>,
/// or <c>h = sqrt(max(epsfcn, epsmch))</c> where x_j is zero. Costs n function evaluations.
/// </remarks>
internal static class Fdjac2
{
    /// <summary>Approximates the Jacobian at <paramref name="x"/>.</summary>
    /// <typeparam name="TFunction">The problem type.</typeparam>
    /// <param name="fcn">The problem; only its residuals are used.</param>
    /// <param name="m">The number of residuals.</param>
    /// <param name="n">The number of parameters.</param>
    /// <param name="x">The point; each entry is perturbed in turn and restored.</param>
    /// <param name="fvec">The residuals at <paramref name="x"/>.</param>
    /// <param name="fjac">Receives the column-major m×n approximation.</param>
    /// <param name="ldfjac">The leading dimension of <paramref name="fjac"/>, at least m.</param>
    /// <param name="epsfcn">The relative error in the residuals; steps are its square root.</param>
    /// <param name="wa">Work array of length m.</param>
    public static void Compute<TFunction>(
        ref TFunction fcn, int m, int n, Span<double> x, ReadOnlySpan<double> fvec,
        Span<double> fjac, int ldfjac, double epsfcn, Span<double> wa)
        where TFunction : IMinpackFunction
    {
        double eps = Math.Sqrt(Math.Max(epsfcn, Epsmch));
        for (int j = 0; j < n; j++)
        {
            double temp = x[j];
            double h = eps * Math.Abs(temp);
            if (h == Zero)
            {
                h = eps;
            }

            x[j] = temp + h;
            fcn.Residuals(x, wa);
            x[j] = temp;
            ColumnOps.DifferenceQuotient(fjac, j * ldfjac, wa, fvec, h, m);
        }
    }
}
