using GpuLm.Minpack;

namespace GpuLm;

/// <summary>
/// The results of a batch fit: leastsq's outputs for every row, in flat row-major arrays.
/// </summary>
/// <remarks>
/// X, Ier, Nfev, Njev and Fnorm are always written; the arrays of <see cref="FitOutputs"/>
/// only when asked for, and are null otherwise. <see cref="Row"/> gives one row as a
/// <see cref="FitResultRow"/>, which reads like a <see cref="LeastSqResult"/>.
/// </remarks>
public sealed class FitResult
{
    /// <summary>Allocates the outputs for <paramref name="rows"/> problems.</summary>
    /// <param name="rows">B.</param>
    /// <param name="points">m.</param>
    /// <param name="parameters">n.</param>
    /// <param name="options">The options of the fit (for the messages and the outputs wanted).</param>
    /// <param name="analyticJacobian">Whether maxfev defaults to 100·(n+1) rather than 200·(n+1).</param>
    public FitResult(int rows, int points, int parameters, FitOptions options, bool analyticJacobian)
    {
        ArgumentNullException.ThrowIfNull(options);
        ProblemCount = rows;
        PointCount = points;
        ParameterCount = parameters;
        Options = options;
        AnalyticJacobian = analyticJacobian;
        long b = rows;
        X = new double[b * parameters];
        Ier = new int[b];
        Nfev = new int[b];
        Njev = new int[b];
        Fnorm = new double[b];
        FitOutputs outputs = options.Outputs;
        Fvec = outputs.HasFlag(FitOutputs.Fvec) ? new double[b * points] : null;
        Fjac = outputs.HasFlag(FitOutputs.Fjac) ? new double[b * parameters * points] : null;
        Ipvt = outputs.HasFlag(FitOutputs.Ipvt) ? new int[b * parameters] : null;
        Qtf = outputs.HasFlag(FitOutputs.Qtf) ? new double[b * parameters] : null;
        CovX = outputs.HasFlag(FitOutputs.CovX) ? new double[b * parameters * parameters] : null;
    }

    /// <summary>B, the number of rows.</summary>
    public int ProblemCount { get; }

    /// <summary>m, the number of residuals per row.</summary>
    public int PointCount { get; }

    /// <summary>n, the number of parameters.</summary>
    public int ParameterCount { get; }

    /// <summary>The options the batch was fitted with.</summary>
    public FitOptions Options { get; }

    /// <summary>Whether the Jacobians were analytic (lmder) rather than finite differences (lmdif).</summary>
    public bool AnalyticJacobian { get; }

    /// <summary>The solutions, B×n (NaN for rows not run).</summary>
    public double[] X { get; }

    /// <summary>The status of each row; see <see cref="LeastSqStatus"/>.</summary>
    public int[] Ier { get; }

    /// <summary>The residual evaluations of each row.</summary>
    public int[] Nfev { get; }

    /// <summary>The Jacobian evaluations of each row (analytic or finite-difference).</summary>
    public int[] Njev { get; }

    /// <summary>‖fvec‖ at each row's solution, as MINPACK's enorm computes it (NaN for rows
    /// not run or with invalid input).</summary>
    public double[] Fnorm { get; }

    /// <summary>The residuals at the solutions, B×m, or null.</summary>
    public double[]? Fvec { get; }

    /// <summary>scipy's infodict['fjac'] per row, B×n×m, or null.</summary>
    public double[]? Fjac { get; }

    /// <summary>The 1-based permutations, B×n, or null.</summary>
    public int[]? Ipvt { get; }

    /// <summary>Qᵀ·fvec's first n elements, B×n, or null.</summary>
    public double[]? Qtf { get; }

    /// <summary>cov_x per row, B×n×n, NaN where scipy returns None, or null.</summary>
    public double[]? CovX { get; }

    /// <summary>Whether the fit was cancelled; rows it did not reach have
    /// <see cref="LeastSqStatus.NotRun"/>.</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>Marks row <paramref name="row"/> as not fitted because the fit was cancelled:
    /// ier <see cref="LeastSqStatus.NotRun"/>, X and the optional outputs NaN, counts 0, and
    /// <see cref="Cancelled"/> set.</summary>
    /// <param name="row">The row, 0 to B−1.</param>
    public void MarkNotRun(int row)
    {
        int n = ParameterCount;
        X.AsSpan(row * n, n).Fill(double.NaN);
        Ier[row] = LeastSqStatus.NotRun;
        Nfev[row] = 0;
        Njev[row] = 0;
        Fnorm[row] = double.NaN;
        FillOptional(row, double.NaN);
        Cancelled = true;
    }

    /// <summary>Marks row <paramref name="row"/> as not fitted because its input is unusable:
    /// ier <see cref="LeastSqStatus.InvalidInput"/>, X the start, counts 0, the norm and the
    /// optional outputs NaN.</summary>
    /// <param name="row">The row, 0 to B−1.</param>
    /// <param name="x0">The row's start.</param>
    internal void MarkInvalid(int row, ReadOnlySpan<double> x0)
    {
        x0.CopyTo(X.AsSpan(row * ParameterCount, ParameterCount));
        Ier[row] = LeastSqStatus.InvalidInput;
        Nfev[row] = 0;
        Njev[row] = 0;
        Fnorm[row] = double.NaN;
        FillOptional(row, double.NaN);
    }

    /// <summary>Writes what the LM iteration left for row <paramref name="row"/>: every accelerator
    /// stores a fitted row through this one routine.</summary>
    /// <param name="row">The row, 0 to B−1.</param>
    /// <param name="ier">MINPACK's info, or a negative GpuLm status.</param>
    /// <param name="nfev">The residual evaluations.</param>
    /// <param name="njev">The Jacobian evaluations.</param>
    /// <param name="fnorm">The norm of the residuals at the solution (stored as NaN for improper input).</param>
    /// <param name="x">The n parameters at the solution.</param>
    /// <param name="fvec">The m residuals, or empty where <see cref="Fvec"/> is not wanted.</param>
    /// <param name="fjac">MINPACK's m×n column-major fjac, or empty where neither <see cref="Fjac"/> nor <see cref="CovX"/> is wanted.</param>
    /// <param name="ipvt">The 0-based permutation, or empty where neither <see cref="Ipvt"/> nor <see cref="CovX"/> is wanted.</param>
    /// <param name="qtf">The first n elements of Qᵀ·fvec, or empty where <see cref="Qtf"/> is not wanted.</param>
    /// <param name="covScratch">2·n² doubles of scratch for cov_x, or empty where <see cref="CovX"/> is not wanted.</param>
    internal void Store(
        int row, int ier, int nfev, int njev, double fnorm, ReadOnlySpan<double> x, ReadOnlySpan<double> fvec,
        ReadOnlySpan<double> fjac, ReadOnlySpan<int> ipvt, ReadOnlySpan<double> qtf, Span<double> covScratch)
    {
        int m = PointCount;
        int n = ParameterCount;
        x.CopyTo(X.AsSpan(row * n, n));
        Ier[row] = ier;
        Nfev[row] = nfev;
        Njev[row] = njev;
        Fnorm[row] = ier == LeastSqStatus.ImproperInput ? double.NaN : fnorm;
        if (Fvec is not null)
        {
            fvec.CopyTo(Fvec.AsSpan(row * m, m));
        }

        if (Fjac is not null)
        {
            fjac.CopyTo(Fjac.AsSpan(row * n * m, n * m));
        }

        if (Ipvt is not null)
        {
            for (int j = 0; j < n; j++)
            {
                Ipvt[(row * n) + j] = ipvt[j] + 1;
            }
        }

        if (Qtf is not null)
        {
            qtf.CopyTo(Qtf.AsSpan(row * n, n));
        }

        if (CovX is not null)
        {
            Span<double> target = CovX.AsSpan(row * n * n, n * n);
            Span<double> cov = covScratch[..(n * n)];
            if (LeastSqStatus.IsSuccess(ier) && Covariance.TryCompute(m, n, fjac, ipvt, cov, covScratch.Slice(n * n, n * n)))
            {
                cov.CopyTo(target);
            }
            else
            {
                target.Fill(double.NaN);
            }
        }
    }

    /// <summary>Fills row <paramref name="row"/> of the optional outputs (ipvt with 0).</summary>
    internal void FillOptional(int row, double value)
    {
        int m = PointCount;
        int n = ParameterCount;
        Fvec?.AsSpan(row * m, m).Fill(value);
        Fjac?.AsSpan(row * n * m, n * m).Fill(value);
        Ipvt?.AsSpan(row * n, n).Clear();
        Qtf?.AsSpan(row * n, n).Fill(value);
        CovX?.AsSpan(row * n * n, n * n).Fill(value);
    }

    /// <summary>The maxfev row <paramref name="row"/> ran under.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The resolved maxfev.</returns>
    public int MaxFev(int row) =>
        LeastSqOptions.ResolveMaxFev(Options.MaxFev?[row] ?? Options.LeastSq.MaxFev, ParameterCount, AnalyticJacobian);

    /// <summary>scipy's message for row <paramref name="row"/>'s status.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The message.</returns>
    public string Mesg(int row) => LeastSqStatus.Message(
        Ier[row],
        Options.Ftol?[row] ?? Options.LeastSq.Ftol,
        Options.Xtol?[row] ?? Options.LeastSq.Xtol,
        Options.Gtol?[row] ?? Options.LeastSq.Gtol,
        MaxFev(row));

    /// <summary>How many rows ended with each status.</summary>
    /// <returns>Counts by ier, in ascending ier order.</returns>
    public SortedDictionary<int, int> CountsByIer()
    {
        var counts = new SortedDictionary<int, int>();
        foreach (int ier in Ier)
        {
            counts[ier] = counts.GetValueOrDefault(ier) + 1;
        }

        return counts;
    }

    /// <summary>Row <paramref name="row"/> as a leastsq-shaped result.</summary>
    /// <param name="row">The row, 0 to B−1.</param>
    /// <returns>A copy of the row's outputs.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside 0..B−1.</exception>
    public FitResultRow Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, ProblemCount);
        int n = ParameterCount;
        int m = PointCount;
        double[,]? covX = null;
        if (CovX is not null && !double.IsNaN(CovX[(long)row * n * n]))
        {
            covX = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    covX[i, j] = CovX[((long)row * n + i) * n + j];
                }
            }
        }

        double[,]? fjac = null;
        if (Fjac is not null)
        {
            fjac = new double[n, m];
            for (int j = 0; j < n; j++)
            {
                for (int i = 0; i < m; i++)
                {
                    fjac[j, i] = Fjac[((long)row * n + j) * m + i];
                }
            }
        }

        return new FitResultRow
        {
            X = X.AsSpan((int)((long)row * n), n).ToArray(),
            Ier = Ier[row],
            Mesg = Mesg(row),
            Nfev = Nfev[row],
            Njev = Njev[row],
            Fnorm = Fnorm[row],
            PointCount = m,
            Fvec = Fvec?.AsSpan((int)((long)row * m), m).ToArray(),
            Fjac = fjac,
            Ipvt = Ipvt?.AsSpan((int)((long)row * n), n).ToArray(),
            Qtf = Qtf?.AsSpan((int)((long)row * n), n).ToArray(),
            CovX = covX,
        };
    }
}
