using System.Numerics;
using ILGPU;

namespace GpuLm.Kernels.Minpack;

/// <summary>
/// Everything one launch of the LM kernel reads and writes: a chunk of <see cref="Rows"/>
/// problems sharing m points and n parameters. The host fills it and the kernel reads it; it is
/// the kernel's one argument, so the two cannot fall out of step.
/// </summary>
/// <typeparam name="TReal">double or float.</typeparam>
/// <remarks>Row b's slices start at b·m (y, w, fvec, wa4), b·m·d (per-row variables), b·m·n
/// (fjac), b·n (x, ipvt, qtf) and b·3 (tolerances, status). Flags are ints, since OpenCL
/// kernel arguments cannot hold a bool.</remarks>
public struct LmArguments<TReal>
    where TReal : unmanaged, IFloatingPointIeee754<TReal>
{
    /// <summary>The problems of this launch.</summary>
    public int Rows;

    /// <summary>m, the points (residuals) of every problem.</summary>
    public int M;

    /// <summary>1 where <see cref="Diag"/> holds the user's scale factors (MINPACK mode 2), else 0.</summary>
    public int UserDiag;

    /// <summary>1 where every row shares the m×d variables of <see cref="V"/>, 0 where each row has its own.</summary>
    public int SharedVariables;

    /// <summary>1 where <see cref="W"/> holds per-point weights, else 0.</summary>
    public int Weighted;

    /// <summary>MINPACK's factor, the initial step bound's scale.</summary>
    public TReal Factor;

    /// <summary>MINPACK's epsfcn, the forward-difference step's relative error.</summary>
    public TReal Epsfcn;

    /// <summary>The data, rows×m.</summary>
    public ArrayView<TReal> Y;

    /// <summary>The variables: m×d shared, or rows×m×d.</summary>
    public ArrayView<TReal> V;

    /// <summary>The weights, rows×m (unread where <see cref="Weighted"/> is 0).</summary>
    public ArrayView<TReal> W;

    /// <summary>rows×n: x0 on input, the solution on output.</summary>
    public ArrayView<TReal> X;

    /// <summary>rows×3: ftol, xtol and gtol of each row.</summary>
    public ArrayView<TReal> Tolerances;

    /// <summary>rows: the resolved maxfev of each row; 0 skips a row with unusable input.</summary>
    public ArrayView<int> MaxFev;

    /// <summary>n: the user's diag (read where <see cref="UserDiag"/> is 1).</summary>
    public ArrayView<TReal> Diag;

    /// <summary>rows×3: ier, nfev and njev of each row.</summary>
    public ArrayView<int> Status;

    /// <summary>rows: the norm of the residuals at the solution.</summary>
    public ArrayView<TReal> Fnorm;

    /// <summary>rows×m: scratch, and MINPACK's fvec on output.</summary>
    public ArrayView<TReal> Fvec;

    /// <summary>rows×m×n: scratch, and MINPACK's column-major fjac (scipy's n×m) on output.</summary>
    public ArrayView<TReal> Fjac;

    /// <summary>rows×m: scratch (MINPACK's wa4).</summary>
    public ArrayView<TReal> Wa4;

    /// <summary>rows×n: the column permutation, 0-based.</summary>
    public ArrayView<int> Ipvt;

    /// <summary>rows×n: the first n elements of Qᵀ·fvec.</summary>
    public ArrayView<TReal> Qtf;

    /// <summary>The device math tables.</summary>
    public MathTables Tables;
}
