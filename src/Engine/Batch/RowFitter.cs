using GpuLm.Minpack;

namespace GpuLm;

/// <summary>
/// Fits batch rows one at a time on the calling thread, writing each row's outputs into a
/// <see cref="FitResult"/>: the per-row work of every CPU fit.
/// </summary>
/// <remarks>
/// An instance owns the MINPACK workspace and scratch arrays for one thread; after the first
/// row it allocates nothing. Each row depends only on its own inputs, so the results are the
/// same whichever thread fits which row.
/// </remarks>
/// <typeparam name="TProblem">The problem type, bound to a row before each fit.</typeparam>
internal sealed class RowFitter<TProblem>
    where TProblem : struct, IMinpackFunction
{
    private readonly FitOptions _options;
    private readonly FitResult _result;
    private readonly LmderWorkspace _ws;
    private readonly double[] _x;
    private readonly double[] _covWork;
    private readonly double[] _cov;
    private readonly bool _analytic;
    private readonly int _m;
    private readonly int _n;

    public RowFitter(int m, int n, FitOptions options, FitResult result)
    {
        _m = m;
        _n = n;
        _options = options;
        _result = result;
        _analytic = options.Jacobian == JacobianMode.Analytic;
        _ws = new LmderWorkspace(m, n);
        _x = new double[n];
        _covWork = new double[n * n];
        _cov = new double[n * n];
    }

    /// <summary>Marks <paramref name="row"/> as not fitted because its input is unusable.</summary>
    public void MarkInvalid(int row, ReadOnlySpan<double> x0)
    {
        x0.CopyTo(_result.X.AsSpan(row * _n, _n));
        _result.Ier[row] = LeastSqStatus.InvalidInput;
        _result.Fnorm[row] = double.NaN;
        _result.FillOptional(row, double.NaN);
    }

    /// <summary>Fits one row from <paramref name="x0"/> and stores its outputs.</summary>
    public void Fit(ref TProblem problem, int row, ReadOnlySpan<double> x0)
    {
        int m = _m;
        int n = _n;
        LeastSqOptions baseOptions = _options.LeastSq;
        int maxfev = LeastSqOptions.ResolveMaxFev(_options.MaxFev?[row] ?? baseOptions.MaxFev, n, _analytic);
        if (baseOptions.Diag is { } diag)
        {
            for (int j = 0; j < n; j++)
            {
                _ws.Diag[j] = diag[j];
            }
        }

        var settings = new LmderSettings(
            _options.Ftol?[row] ?? baseOptions.Ftol,
            _options.Xtol?[row] ?? baseOptions.Xtol,
            _options.Gtol?[row] ?? baseOptions.Gtol,
            maxfev,
            baseOptions.Factor,
            baseOptions.Epsfcn ?? MinpackConstants.NumpyEps,
            baseOptions.Diag is not null,
            _analytic);
        x0.CopyTo(_x);
        int ier = Lmder.Minimize(ref problem, settings, _ws, _x, out int nfev, out int njev);

        FitResult r = _result;
        _x.CopyTo(r.X.AsSpan(row * n, n));
        r.Ier[row] = ier;
        r.Nfev[row] = nfev;
        r.Njev[row] = njev;
        r.Fnorm[row] = ier == LeastSqStatus.ImproperInput ? double.NaN : Enorm.Compute(_ws.Fvec);
        if (r.Fvec is not null)
        {
            _ws.Fvec.CopyTo(r.Fvec.AsSpan(row * m, m));
        }

        if (r.Fjac is not null)
        {
            _ws.Fjac.CopyTo(r.Fjac.AsSpan(row * n * m, n * m));
        }

        if (r.Ipvt is not null)
        {
            for (int j = 0; j < n; j++)
            {
                r.Ipvt[row * n + j] = _ws.Ipvt[j] + 1;
            }
        }

        if (r.Qtf is not null)
        {
            _ws.Qtf.CopyTo(r.Qtf.AsSpan(row * n, n));
        }

        if (r.CovX is not null)
        {
            Span<double> target = r.CovX.AsSpan(row * n * n, n * n);
            if (LeastSqStatus.IsSuccess(ier) && Covariance.TryCompute(m, n, _ws.Fjac, _ws.Ipvt, _cov, _covWork))
            {
                _cov.CopyTo(target);
            }
            else
            {
                target.Fill(double.NaN);
            }
        }
    }
}
