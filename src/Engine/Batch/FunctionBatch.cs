using GpuLm.Minpack;

namespace GpuLm;

/// <summary>A residual function with per-problem arguments, like leastsq's <c>func</c> with <c>args</c>.</summary>
/// <typeparam name="TArgs">The type of the per-problem arguments.</typeparam>
/// <param name="x">The n parameters.</param>
/// <param name="fvec">Receives the m residuals.</param>
/// <param name="args">This problem's arguments.</param>
public delegate void ResidualFunction<TArgs>(ReadOnlySpan<double> x, Span<double> fvec, TArgs args);

/// <summary>A Jacobian function with per-problem arguments, like leastsq's <c>Dfun</c> with
/// <c>args</c>; writes m×n row-major, <c>jac[i*n + j] = ∂f_i/∂x_j</c>.</summary>
/// <typeparam name="TArgs">The type of the per-problem arguments.</typeparam>
/// <param name="x">The n parameters.</param>
/// <param name="jac">Receives the m·n partial derivatives.</param>
/// <param name="args">This problem's arguments.</param>
public delegate void JacobianFunction<TArgs>(ReadOnlySpan<double> x, Span<double> jac, TArgs args);

/// <summary>
/// B scipy-style problems sharing one residual function (and optionally one Jacobian
/// function), each with its own arguments and start: leastsq's <c>func</c>, <c>Dfun</c>
/// and <c>args</c>, batched. Runs on the CPU accelerator.
/// </summary>
/// <typeparam name="TArgs">The type of the per-problem arguments.</typeparam>
public sealed class FunctionBatch<TArgs>
{
    /// <summary>Describes the batch.</summary>
    /// <param name="func">Writes a problem's m residuals.</param>
    /// <param name="pointCount">m, the residuals per problem; at least n.</param>
    /// <param name="args">One argument value per problem; its length is B.</param>
    /// <param name="x0">The starting points: n values for all problems, or B×n.</param>
    /// <param name="parameterCount">n.</param>
    /// <param name="dfun">Writes a problem's Jacobian, or null for forward differences.</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">A count or a length does not fit.</exception>
    public FunctionBatch(
        ResidualFunction<TArgs> func, int pointCount, TArgs[] args, double[] x0, int parameterCount,
        JacobianFunction<TArgs>? dfun = null)
    {
        ArgumentNullException.ThrowIfNull(func);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(x0);
        if (parameterCount < 1)
        {
            throw new ArgumentException($"parameterCount must be at least 1; it is {parameterCount}.", nameof(parameterCount));
        }

        if (args.Length < 1)
        {
            throw new ArgumentException("args must hold one value per problem; it is empty.", nameof(args));
        }

        if (pointCount < parameterCount)
        {
            throw new ArgumentException(
                $"Improper input: func (m={pointCount}) returned less than n={parameterCount} residuals; "
                + "pointCount must be at least parameterCount.",
                nameof(pointCount));
        }

        long b = args.Length;
        if (x0.LongLength != parameterCount && x0.LongLength != b * parameterCount)
        {
            throw new ArgumentException(
                $"x0 must be n = {parameterCount} values (one start for all) or B×n = {b}×{parameterCount} = "
                + $"{b * parameterCount}; it has {x0.LongLength}.",
                nameof(x0));
        }

        Func = func;
        Dfun = dfun;
        PointCount = pointCount;
        Args = args;
        X0 = x0;
        ParameterCount = parameterCount;
    }

    /// <summary>The residual function.</summary>
    public ResidualFunction<TArgs> Func { get; }

    /// <summary>The Jacobian function, or null for forward differences.</summary>
    public JacobianFunction<TArgs>? Dfun { get; }

    /// <summary>m.</summary>
    public int PointCount { get; }

    /// <summary>n.</summary>
    public int ParameterCount { get; }

    /// <summary>B, the number of problems.</summary>
    public int ProblemCount => Args.Length;

    /// <summary>The per-problem arguments.</summary>
    public TArgs[] Args { get; }

    /// <summary>The starting points, n or B×n.</summary>
    public double[] X0 { get; }

    /// <summary>Row <paramref name="row"/>'s start.</summary>
    /// <param name="row">The row.</param>
    /// <returns>A view of its n values.</returns>
    public ReadOnlySpan<double> X0Of(int row) =>
        X0.Length == ParameterCount ? X0 : X0.AsSpan(row * ParameterCount, ParameterCount);
}

/// <summary>One <see cref="FunctionBatch{TArgs}"/> problem as a MINPACK problem.</summary>
/// <typeparam name="TArgs">The type of the per-problem arguments.</typeparam>
internal struct FunctionProblem<TArgs> : IMinpackFunction
{
    private readonly ResidualFunction<TArgs> _func;
    private readonly JacobianFunction<TArgs>? _dfun;
    private readonly double[]? _rowMajor;
    private readonly int _m;
    private readonly int _n;
    private TArgs _args;

    public FunctionProblem(FunctionBatch<TArgs> batch)
    {
        _func = batch.Func;
        _dfun = batch.Dfun;
        _m = batch.PointCount;
        _n = batch.ParameterCount;
        _rowMajor = _dfun is null ? null : new double[_m * _n];
        _args = default!;
    }

    public void Bind(TArgs args) => _args = args;

    public readonly void Residuals(ReadOnlySpan<double> x, Span<double> fvec) => _func(x, fvec, _args);

    public readonly void Jacobian(ReadOnlySpan<double> x, Span<double> fjac)
    {
        double[] rowMajor = _rowMajor!;
        _dfun!(x, rowMajor, _args);
        for (int j = 0; j < _n; j++)
        {
            for (int i = 0; i < _m; i++)
            {
                fjac[i + j * _m] = rowMajor[i * _n + j];
            }
        }
    }
}
