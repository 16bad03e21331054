using GpuLm.Minpack;

namespace GpuLm;

/// <summary>Where a batch fit's Jacobian comes from.</summary>
public enum JacobianMode
{
    /// <summary>The model's symbolic derivatives (MINPACK lmder).</summary>
    Analytic,

    /// <summary>Forward differences of the residuals (MINPACK lmdif, leastsq without Dfun).</summary>
    FiniteDifferences,
}

/// <summary>The floating-point precision a device accelerator computes in.</summary>
/// <remarks>The CPU accelerator ignores it and always computes in double, as MINPACK does.</remarks>
public enum Precision
{
    /// <summary>IEEE double throughout, with MINPACK's double-precision constants: the default,
    /// and the precision the CPU oracle computes in. A device without fp64 refuses it.</summary>
    Double,

    /// <summary>IEEE single: data, parameters and the whole iteration in float, with float's
    /// machine epsilon in MINPACK's stringent tests and forward-difference step. ftol, xtol and
    /// gtol below float's epsilon (leastsq's defaults are 1.49e-8, 1.49e-8 and 0) are raised to
    /// it, since float cannot resolve less: a row that converges as far as float allows reports
    /// ier 1 to 4, where at the requested tolerances it could only end in MINPACK's stringent
    /// tests (ier 6, 7 or 8).</summary>
    Single,
}

/// <summary>The per-row outputs a batch fit writes beyond X, Ier, Nfev, Njev and Fnorm.</summary>
/// <remarks>They are leastsq's full_output; at millions of rows they dominate memory, so each
/// is written only when asked for.</remarks>
[Flags]
public enum FitOutputs
{
    /// <summary>Only X, Ier, Nfev, Njev and Fnorm.</summary>
    None = 0,

    /// <summary>The residuals at the solution, B×m.</summary>
    Fvec = 1,

    /// <summary>scipy's infodict['fjac'], B×n×m.</summary>
    Fjac = 2,

    /// <summary>The 1-based column permutation, B×n.</summary>
    Ipvt = 4,

    /// <summary>The first n elements of Qᵀ·fvec, B×n.</summary>
    Qtf = 8,

    /// <summary>cov_x, B×n×n, NaN where scipy returns None.</summary>
    CovX = 16,

    /// <summary>Everything leastsq's full_output gives.</summary>
    All = Fvec | Fjac | Ipvt | Qtf | CovX,
}

/// <summary>
/// How a batch is fitted: leastsq's options for the whole batch, optional per-row tolerances
/// and limits, the Jacobian mode and the outputs wanted.
/// </summary>
public sealed record FitOptions
{
    /// <summary>The defaults: scipy's leastsq options, analytic Jacobian, no optional outputs.</summary>
    public static FitOptions Default { get; } = new();

    /// <summary>leastsq's options for every row. <see cref="LeastSqOptions.ColDeriv"/> has
    /// no meaning for a model and must be false; <see cref="LeastSqOptions.Diag"/>, if given,
    /// applies to every row.</summary>
    public LeastSqOptions LeastSq { get; init; } = LeastSqOptions.Default;

    /// <summary>Per-row ftol (length B), overriding <see cref="LeastSqOptions.Ftol"/>.</summary>
    public double[]? Ftol { get; init; }

    /// <summary>Per-row xtol (length B), overriding <see cref="LeastSqOptions.Xtol"/>.</summary>
    public double[]? Xtol { get; init; }

    /// <summary>Per-row gtol (length B), overriding <see cref="LeastSqOptions.Gtol"/>.</summary>
    public double[]? Gtol { get; init; }

    /// <summary>Per-row maxfev (length B; 0 means leastsq's default), overriding
    /// <see cref="LeastSqOptions.MaxFev"/>.</summary>
    public int[]? MaxFev { get; init; }

    /// <summary>Analytic (from the model) or finite-difference Jacobian.</summary>
    public JacobianMode Jacobian { get; init; } = JacobianMode.Analytic;

    /// <summary>The optional outputs to write.</summary>
    public FitOutputs Outputs { get; init; } = FitOutputs.None;

    /// <summary>The precision a device accelerator computes in; double by default. The CPU
    /// accelerator ignores it and always computes in double.</summary>
    public Precision Precision { get; init; } = Precision.Double;

    /// <summary>Checks the options against a batch of <paramref name="rows"/> rows and
    /// <paramref name="parameters"/> parameters.</summary>
    /// <param name="rows">B.</param>
    /// <param name="parameters">n.</param>
    /// <exception cref="ArgumentException">A per-row array has the wrong length, a maxfev is
    /// negative, epsfcn is not finite, diag is malformed, or ColDeriv is set.</exception>
    public void Validate(int rows, int parameters)
    {
        CheckLength(Ftol, rows, "Ftol");
        CheckLength(Xtol, rows, "Xtol");
        CheckLength(Gtol, rows, "Gtol");
        if (MaxFev is { } maxfev)
        {
            if (maxfev.Length != rows)
            {
                throw new ArgumentException(
                    $"options.MaxFev must have one entry per problem (B={rows}); it has {maxfev.Length}.", "options");
            }

            int bad = Array.FindIndex(maxfev, v => v < 0);
            if (bad >= 0)
            {
                throw new ArgumentException(
                    $"options.MaxFev entries must be 0 (the default) or positive; MaxFev[{bad}] is {maxfev[bad]}.", "options");
            }
        }

        if (LeastSq.ColDeriv)
        {
            throw new ArgumentException(
                "options.LeastSq.ColDeriv must be false for a batch: the model's Jacobian layout is fixed.", "options");
        }

        LeastSq.Validate(parameters, "options.LeastSq");
    }

    /// <summary>MINPACK's inputs for row <paramref name="row"/>: its own tolerances and maxfev where
    /// given, the batch's otherwise, each resolved to leastsq's meaning (maxfev 0 becomes
    /// 100·(n+1) or 200·(n+1), epsfcn null becomes numpy's float64 eps). Every accelerator
    /// takes a row's settings from here.</summary>
    /// <param name="row">The row.</param>
    /// <param name="parameters">n.</param>
    /// <returns>The settings.</returns>
    internal LmderSettings RowSettings(int row, int parameters)
    {
        bool analytic = Jacobian == JacobianMode.Analytic;
        return new LmderSettings(
            Ftol?[row] ?? LeastSq.Ftol,
            Xtol?[row] ?? LeastSq.Xtol,
            Gtol?[row] ?? LeastSq.Gtol,
            LeastSqOptions.ResolveMaxFev(MaxFev?[row] ?? LeastSq.MaxFev, parameters, analytic),
            LeastSq.Factor,
            LeastSq.Epsfcn ?? MinpackConstants.NumpyEps,
            LeastSq.Diag is not null,
            analytic);
    }

    private static void CheckLength(double[]? values, int rows, string name)
    {
        if (values is not null && values.Length != rows)
        {
            throw new ArgumentException(
                $"options.{name} must have one entry per problem (B={rows}); it has {values.Length}.", "options");
        }
    }
}
