using System.Runtime.CompilerServices;
using ILGPU;

namespace GpuLm.Kernels.Minpack;

/// <summary>
/// The problem of one batch row on the device: its residuals r_i = w_i·(f(v_i; p) − y_i) (or
/// f − y without weights) as <c>ModelProblem</c> forms them on the CPU, the model's Jacobian
/// w_i·∂f/∂p_j, and MINPACK fdjac2 (<c>Engine/Minpack/Fdjac2.cs</c>), the forward-difference
/// Jacobian. The loops over the m points are split across the team.
/// </summary>
internal static partial class Lm<TReal, TMachine, TModel, TLayout, TJacobian>
{
    /// <summary>Writes the m residuals at <paramref name="x"/> to <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Residuals(Row row, ArrayView<TReal> x, ArrayView<TReal> output, int lid)
    {
        int d = TModel.VariableCount;
        for (int i = lid; i < row.M; i += Team)
        {
            TReal difference = TModel.Value(x, row.V.SubView(i * d, d), row.Tables) - row.Y[i];
            output[i] = row.Weighted ? row.W[i] * difference : difference;
        }
    }

    /// <summary>Writes the model's column-major m×n Jacobian at <paramref name="x"/> to
    /// <paramref name="fjac"/>; <paramref name="dfdp"/> is this thread's own n-vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ModelJacobian(Row row, ArrayView<TReal> x, ArrayView<TReal> fjac, ArrayView<TReal> dfdp, int lid)
    {
        int m = row.M;
        int n = N;
        int d = TModel.VariableCount;
        for (int i = lid; i < m; i += Team)
        {
            TModel.Jacobian(x, row.V.SubView(i * d, d), dfdp, row.Tables);
            for (int j = 0; j < n; j++)
            {
                fjac[i + j * m] = row.Weighted ? row.W[i] * dfdp[j] : dfdp[j];
            }
        }
    }

    /// <summary>
    /// MINPACK fdjac2: column j is (f(x + h·e_j) − f(x)) / h with h = sqrt(max(epsfcn, epsmch))·|x_j|,
    /// or h = sqrt(max(epsfcn, epsmch)) where x_j is zero.
    /// </summary>
    /// <param name="row">The problem.</param>
    /// <param name="x">The n parameters, in the team's shared memory; left unchanged.</param>
    /// <param name="fvec">The residuals at x.</param>
    /// <param name="fjac">Receives the m×n Jacobian, column-major.</param>
    /// <param name="epsfcn">The relative error of the residuals.</param>
    /// <param name="wa">An m-vector.</param>
    /// <param name="xp">This thread's own n-vector, for the perturbed parameters.</param>
    /// <param name="lid">This thread's index in the team.</param>
    /// <remarks>MINPACK perturbs x in place and restores it. Here each thread of the team
    /// perturbs its own copy, computing the same h and x_j + h as every other thread, and
    /// evaluates its stride of the points there: the columns come out as MINPACK's, and no
    /// thread writes memory another reads until the closing barrier.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fdjac2(
        Row row, ArrayView<TReal> x, ArrayView<TReal> fvec, ArrayView<TReal> fjac, TReal epsfcn, ArrayView<TReal> wa,
        ArrayView<TReal> xp, int lid)
    {
        int m = row.M;
        TReal eps = TReal.Sqrt(Max(epsfcn, TMachine.Epsmch));
        for (int k = 0; k < N; k++)
        {
            xp[k] = x[k];
        }

        for (int j = 0; j < N; j++)
        {
            TReal temp = xp[j];
            TReal h = eps * TReal.Abs(temp);
            if (h == Zero)
            {
                h = eps;
            }

            xp[j] = temp + h;
            Residuals(row, xp, wa, lid);
            xp[j] = temp;
            ArrayView<TReal> column = fjac.SubView(j * m, m);
            for (int i = lid; i < m; i += Team)
            {
                column[i] = (wa[i] - fvec[i]) / h;
            }
        }

        Barrier();
    }

    /// <summary>The data of one row: its points, variables, weights and the device math tables.</summary>
    private struct Row
    {
        /// <summary>m.</summary>
        public int M;

        /// <summary>The row's m data values.</summary>
        public ArrayView<TReal> Y;

        /// <summary>The row's m×d variables.</summary>
        public ArrayView<TReal> V;

        /// <summary>The row's m weights (unread where <see cref="Weighted"/> is false).</summary>
        public ArrayView<TReal> W;

        /// <summary>Whether the residuals are weighted.</summary>
        public bool Weighted;

        /// <summary>The device math tables.</summary>
        public MathTables Tables;
    }
}
