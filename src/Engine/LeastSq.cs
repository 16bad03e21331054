using GpuLm.Minpack;

namespace GpuLm;

/// <summary>
/// <c>scipy.optimize.leastsq</c> for one problem: MINPACK's <c>lmder</c> with a Jacobian
/// function, <c>lmdif</c> (forward differences) without.
/// </summary>
public static class LeastSq
{
    /// <summary>Minimises the sum of squares of <paramref name="func"/>'s m residuals,
    /// starting from <paramref name="x0"/>.</summary>
    /// <remarks>
    /// Returns what <c>leastsq(func, x0, Dfun=dfun, full_output=True, ...)</c> returns, bit
    /// for bit where the functions are evaluated alike. Improper tolerances or factor
    /// (negative or NaN) give ier 0 as MINPACK does; a problem whose residuals or Jacobian
    /// stop being finite ends with a negative ier (see <see cref="LeastSqStatus"/>).
    /// Exceptions thrown by <paramref name="func"/> or <paramref name="dfun"/> propagate
    /// unchanged.
    /// </remarks>
    /// <param name="func">Writes the m residuals at x.</param>
    /// <param name="m">The number of residuals; at least the number of parameters.</param>
    /// <param name="x0">The starting point, n finite values.</param>
    /// <param name="dfun">Writes the Jacobian at x (m×n row-major, or n×m with
    /// <see cref="LeastSqOptions.ColDeriv"/>); null for forward differences.</param>
    /// <param name="options">The leastsq options; null for scipy's defaults.</param>
    /// <returns>The solution, the status and the diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="func"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x0"/> is empty or has a
    /// non-finite entry, m is less than n, or an option is malformed (a negative maxfev, a
    /// non-finite epsfcn, a diag of the wrong length or with an entry that is not positive
    /// and finite).</exception>
    public static LeastSqResult Solve(
        ResidualFunction func, int m, ReadOnlySpan<double> x0,
        JacobianFunction? dfun = null, LeastSqOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(func);
        options ??= LeastSqOptions.Default;
        int n = x0.Length;
        Validate(m, x0, options);

        bool analytic = dfun is not null;
        int maxfev = options.ResolveMaxFev(n, analytic);
        var ws = new LmderWorkspace(m, n);
        if (options.Diag is { } userDiag)
        {
            for (int j = 0; j < n; j++)
            {
                ws.Diag[j] = userDiag[j];
            }
        }

        var settings = new LmderSettings(
            options.Ftol, options.Xtol, options.Gtol, maxfev, options.Factor,
            options.Epsfcn ?? MinpackConstants.NumpyEps, options.Diag is not null, analytic);
        var problem = new DelegateProblem(func, dfun, options.ColDeriv, m, n);
        double[] x = x0.ToArray();
        int ier = Lmder.Minimize(ref problem, settings, ws, x, out int nfev, out int njev);

        var fjac = new double[n, m];
        ws.Fjac.AsSpan().CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref fjac[0, 0], n * m));
        var ipvt = new int[n];
        for (int j = 0; j < n; j++)
        {
            ipvt[j] = ws.Ipvt[j] + 1;
        }

        return new LeastSqResult
        {
            X = x,
            CovX = LeastSqStatus.IsSuccess(ier) ? CovX(m, n, ws) : null,
            Nfev = nfev,
            Njev = njev,
            Fvec = ws.Fvec,
            Fjac = fjac,
            Ipvt = ipvt,
            Qtf = ws.Qtf,
            Ier = ier,
            Mesg = LeastSqStatus.Message(ier, options.Ftol, options.Xtol, options.Gtol, maxfev),
        };
    }

    private static void Validate(int m, ReadOnlySpan<double> x0, LeastSqOptions options)
    {
        int n = x0.Length;
        if (n == 0)
        {
            throw new ArgumentException("x0 must hold at least one parameter; it is empty.", nameof(x0));
        }

        for (int j = 0; j < n; j++)
        {
            if (!double.IsFinite(x0[j]))
            {
                throw new ArgumentException($"x0 must be finite; x0[{j}] is {x0[j]}.", nameof(x0));
            }
        }

        if (m < n)
        {
            throw new ArgumentException(
                $"Improper input: func (m={m}) returned less than n={n} residuals; m must be at least the length of x0.",
                nameof(m));
        }

        options.Validate(n, "options");
    }

    private static double[,]? CovX(int m, int n, LmderWorkspace ws)
    {
        var cov = new double[n, n];
        Span<double> flat = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref cov[0, 0], n * n);
        return Covariance.TryCompute(m, n, ws.Fjac, ws.Ipvt, flat, new double[n * n]) ? cov : null;
    }

    /// <summary>scipy's func/Dfun pair as a MINPACK problem.</summary>
    private readonly struct DelegateProblem : IMinpackFunction
    {
        private readonly ResidualFunction _func;
        private readonly JacobianFunction? _dfun;
        private readonly bool _colDeriv;
        private readonly int _m;
        private readonly int _n;
        private readonly double[]? _rowMajor;

        public DelegateProblem(ResidualFunction func, JacobianFunction? dfun, bool colDeriv, int m, int n)
        {
            _func = func;
            _dfun = dfun;
            _colDeriv = colDeriv;
            _m = m;
            _n = n;
            _rowMajor = dfun is not null && !colDeriv ? new double[m * n] : null;
        }

        public void Residuals(ReadOnlySpan<double> x, Span<double> fvec) => _func(x, fvec);

        public void Jacobian(ReadOnlySpan<double> x, Span<double> fjac)
        {
            // col_deriv's n×m row-major is MINPACK's column-major m×n: no copy needed.
            if (_colDeriv)
            {
                _dfun!(x, fjac);
                return;
            }

            double[] rowMajor = _rowMajor!;
            _dfun!(x, rowMajor);
            for (int j = 0; j < _n; j++)
            {
                for (int i = 0; i < _m; i++)
                {
                    fjac[i + j * _m] = rowMajor[i * _n + j];
                }
            }
        }
    }
}
