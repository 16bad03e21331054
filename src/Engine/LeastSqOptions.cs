namespace GpuLm;

/// <summary>
/// The options of <c>scipy.optimize.leastsq</c>, with its defaults.
/// </summary>
/// <remarks>Each property means what the leastsq argument of the same name means.</remarks>
public sealed record LeastSqOptions
{
    /// <summary>scipy's default <c>ftol</c> and <c>xtol</c>, about sqrt(2^-52).</summary>
    public const double DefaultTolerance = 1.49012e-8;

    /// <summary>The epsfcn leastsq passes for None: 2^-52, numpy's float64 epsilon.</summary>
    public const double DefaultEpsfcn = 2.220446049250313e-16;

    /// <summary>The defaults, as leastsq has them.</summary>
    public static LeastSqOptions Default { get; } = new();

    /// <summary>Relative error desired in the sum of squares (<c>ftol</c>).</summary>
    public double Ftol { get; init; } = DefaultTolerance;

    /// <summary>Relative error desired in the approximate solution (<c>xtol</c>).</summary>
    public double Xtol { get; init; } = DefaultTolerance;

    /// <summary>Orthogonality desired between the residuals and the columns of the Jacobian (<c>gtol</c>).</summary>
    public double Gtol { get; init; }

    /// <summary>The largest number of calls to func (<c>maxfev</c>); 0 means 100·(n+1) with
    /// a Jacobian function and 200·(n+1) without.</summary>
    public int MaxFev { get; init; }

    /// <summary>The relative error of func's values, setting the forward-difference step
    /// <c>sqrt(epsfcn)·|x_j|</c> (<c>epsfcn</c>); null means 2^-52, numpy's float64 epsilon,
    /// as leastsq passes for None.</summary>
    public double? Epsfcn { get; init; }

    /// <summary>The initial step bound, <c>factor·‖diag·x0‖</c> (<c>factor</c>).</summary>
    public double Factor { get; init; } = 100.0;

    /// <summary>Positive scale factors for the parameters (<c>diag</c>); null means MINPACK
    /// mode 1, scaling by the Jacobian's column norms.</summary>
    public IReadOnlyList<double>? Diag { get; init; }

    /// <summary>Whether the Jacobian function writes n×m (<c>jac[j*m + i]</c>) rather than
    /// m×n (<c>col_deriv</c>).</summary>
    public bool ColDeriv { get; init; }

    /// <summary>The maxfev a fit with n parameters runs under: <see cref="MaxFev"/>, or its
    /// default where it is 0.</summary>
    /// <param name="n">The number of parameters.</param>
    /// <param name="analyticJacobian">Whether a Jacobian function is given.</param>
    /// <returns>The resolved maxfev.</returns>
    public int ResolveMaxFev(int n, bool analyticJacobian) => ResolveMaxFev(MaxFev, n, analyticJacobian);

    /// <summary>leastsq's rule for maxfev: <paramref name="maxFev"/>, or 100·(n+1) with a
    /// Jacobian and 200·(n+1) without where it is 0.</summary>
    /// <param name="maxFev">The requested maxfev, 0 for the default.</param>
    /// <param name="n">The number of parameters.</param>
    /// <param name="analyticJacobian">Whether a Jacobian function is given.</param>
    /// <returns>The resolved maxfev.</returns>
    public static int ResolveMaxFev(int maxFev, int n, bool analyticJacobian) =>
        maxFev != 0 ? maxFev : (analyticJacobian ? 100 : 200) * (n + 1);

    /// <summary>Checks the options for a fit with <paramref name="n"/> parameters.</summary>
    /// <param name="n">The number of parameters.</param>
    /// <param name="name">How the messages name these options, e.g. <c>options</c>.</param>
    /// <exception cref="ArgumentException">A negative maxfev, a non-finite epsfcn, or a
    /// diag of the wrong length or with an entry that is not positive and finite.</exception>
    internal void Validate(int n, string name)
    {
        if (MaxFev < 0)
        {
            throw new ArgumentException($"{name}.MaxFev must be 0 (the default) or positive; it is {MaxFev}.", "options");
        }

        if (Epsfcn is { } epsfcn && !double.IsFinite(epsfcn))
        {
            throw new ArgumentException($"{name}.Epsfcn must be finite or null; it is {epsfcn}.", "options");
        }

        if (Diag is { } diag)
        {
            if (diag.Count != n)
            {
                throw new ArgumentException(
                    $"{name}.Diag must have one entry per parameter (n={n}); it has {diag.Count}.", "options");
            }

            for (int j = 0; j < n; j++)
            {
                if (!(diag[j] > 0.0) || !double.IsFinite(diag[j]))
                {
                    throw new ArgumentException(
                        $"{name}.Diag entries must be positive and finite; Diag[{j}] is {diag[j]}.", "options");
                }
            }
        }
    }
}
