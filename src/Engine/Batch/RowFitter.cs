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
    private readonly double[] _covScratch;
    private readonly int _n;

    public RowFitter(int m, int n, FitOptions options, FitResult result)
    {
        _n = n;
        _options = options;
        _result = result;
        _ws = new LmderWorkspace(m, n);
        _x = new double[n];
        _covScratch = new double[2 * n * n];
    }

    /// <summary>Marks <paramref name="row"/> as not fitted because its input is unusable.</summary>
    public void MarkInvalid(int row, ReadOnlySpan<double> x0) => _result.MarkInvalid(row, x0);

    /// <summary>Fits one row from <paramref name="x0"/> and stores its outputs.</summary>
    public void Fit(ref TProblem problem, int row, ReadOnlySpan<double> x0)
    {
        LmderSettings settings = _options.RowSettings(row, _n);
        if (_options.LeastSq.Diag is { } diag)
        {
            for (int j = 0; j < _n; j++)
            {
                _ws.Diag[j] = diag[j];
            }
        }

        x0.CopyTo(_x);
        int ier = Lmder.Minimize(ref problem, settings, _ws, _x, out int nfev, out int njev);

        _result.Store(
            row, ier, nfev, njev, Enorm.Compute(_ws.Fvec), _x, _ws.Fvec,
            _ws.Fjac, _ws.Ipvt, _ws.Qtf, _covScratch);
    }
}
