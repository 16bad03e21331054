using System.Diagnostics;
using GpuLm.Models;

namespace GpuLm.Host.Cpu;

/// <summary>
/// Fits batches on the cores of this machine with the MINPACK port itself: the default
/// accelerator, the fallback, and the oracle the device backends are checked against.
/// </summary>
/// <remarks>
/// Rows are split into blocks that the threads take in turn; each thread owns one MINPACK
/// workspace and fits row after row without allocating. A row's result depends only on the
/// row, so the output is identical bit for bit whatever the thread count. Besides model
/// batches, it fits scipy-style <see cref="FunctionBatch{TArgs}"/>s, whose delegates only
/// the CPU can run.
/// </remarks>
public sealed class CpuAccelerator : Accelerator
{
    private const int MaxBlockRows = 1024;
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(100);

    internal CpuAccelerator(int threads)
    {
        ThreadCount = threads;
    }

    /// <inheritdoc/>
    public override AcceleratorKind Kind => AcceleratorKind.Cpu;

    /// <inheritdoc/>
    public override string DeviceName => FormattableString.Invariant(
        $"{Environment.ProcessorCount}-core CPU ({ThreadCount} threads), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30):F1} GiB memory");

    /// <summary>The number of threads fits run on.</summary>
    public int ThreadCount { get; }

    /// <summary>Fits every problem of a scipy-style function batch.</summary>
    /// <typeparam name="TArgs">The type of the per-problem arguments.</typeparam>
    /// <param name="batch">The problems.</param>
    /// <param name="options">How to fit them; null for the defaults. The Jacobian mode
    /// follows the batch (analytic when it has a Jacobian function); <see cref="FitOptions.Jacobian"/>
    /// set to <see cref="JacobianMode.FiniteDifferences"/> forces forward differences.</param>
    /// <param name="progress">Receives progress reports from any thread, or null.</param>
    /// <param name="cancellationToken">Stops the fit early: rows not yet started are marked not run.</param>
    /// <returns>The results.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="ArgumentException">The options do not fit the batch, or a row's x0
    /// is not finite.</exception>
    /// <exception cref="ObjectDisposedException">The accelerator was disposed.</exception>
    public FitResult Fit<TArgs>(
        FunctionBatch<TArgs> batch, FitOptions? options = null, IProgress<FitProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfDisposed();
        options ??= FitOptions.Default;
        if (batch.Dfun is null)
        {
            options = options with { Jacobian = JacobianMode.FiniteDifferences };
        }

        options.Validate(batch.ProblemCount, batch.ParameterCount);
        int m = batch.PointCount;
        int n = batch.ParameterCount;
        var result = new FitResult(batch.ProblemCount, m, n, options, options.Jacobian == JacobianMode.Analytic);
        Run(
            batch.ProblemCount,
            result,
            progress,
            cancellationToken,
            () => (new RowFitter<FunctionProblem<TArgs>>(m, n, options, result), new FunctionProblem<TArgs>(batch)),
            (RowFitter<FunctionProblem<TArgs>> fitter, ref FunctionProblem<TArgs> problem, int row) =>
            {
                ReadOnlySpan<double> x0 = batch.X0Of(row);
                if (!Finite.All(x0))
                {
                    fitter.MarkInvalid(row, x0);
                    return;
                }

                problem.Bind(batch.Args[row]);
                fitter.Fit(ref problem, row, x0);
            });
        return result;
    }

    /// <inheritdoc/>
    protected override FitResult FitCore(
        FitBatch batch, FitOptions options, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        CompiledModel model = batch.Model.Compile();
        int m = batch.PointCount;
        int n = batch.ParameterCount;
        var result = new FitResult(batch.ProblemCount, m, n, options, options.Jacobian == JacobianMode.Analytic);
        Run(
            batch.ProblemCount,
            result,
            progress,
            cancellationToken,
            () => (new RowFitter<ModelProblem>(m, n, options, result), new ModelProblem(model, batch)),
            (RowFitter<ModelProblem> fitter, ref ModelProblem problem, int row) =>
            {
                ReadOnlySpan<double> x0 = batch.X0.AsSpan(checked((int)batch.X0Offset(row)), n);
                if (!batch.IsRowUsable(row))
                {
                    fitter.MarkInvalid(row, x0);
                    return;
                }

                problem.Bind(batch, row);
                fitter.Fit(ref problem, row, x0);
            });
        return result;
    }

    private delegate void RowAction<TProblem>(RowFitter<TProblem> fitter, ref TProblem problem, int row)
        where TProblem : struct, Minpack.IMinpackFunction;

    private void Run<TProblem>(
        int rows, FitResult result, IProgress<FitProgress>? progress, CancellationToken cancellationToken,
        Func<(RowFitter<TProblem> Fitter, TProblem Problem)> createWorker, RowAction<TProblem> fitRow)
        where TProblem : struct, Minpack.IMinpackFunction
    {
        var clock = Stopwatch.StartNew();
        int blockRows = Math.Clamp(rows / (ThreadCount * 16), 1, MaxBlockRows);
        int blocks = (rows + blockRows - 1) / blockRows;
        long done = 0;
        long lastReportTicks = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ThreadCount };
        Parallel.For(
            0,
            blocks,
            parallel,
            () => new Worker<TProblem>(createWorker()),
            (block, _, worker) =>
            {
                int first = block * blockRows;
                int last = Math.Min(first + blockRows, rows);
                for (int row = first; row < last; row++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        result.MarkNotRun(row);
                        continue;
                    }

                    fitRow(worker.Fitter, ref worker.Problem, row);
                }

                long now = Interlocked.Add(ref done, last - first);
                long ticks = clock.Elapsed.Ticks;
                long previous = Interlocked.Read(ref lastReportTicks);
                if (progress is not null && ticks - previous >= ReportInterval.Ticks
                    && Interlocked.CompareExchange(ref lastReportTicks, ticks, previous) == previous)
                {
                    progress.Report(new FitProgress(now, rows, clock.Elapsed));
                }

                return worker;
            },
            _ => { });
        progress?.Report(new FitProgress(rows, rows, clock.Elapsed));
    }

    /// <summary>One thread's fitter and problem scratch.</summary>
    private sealed class Worker<TProblem>((RowFitter<TProblem> Fitter, TProblem Problem) parts)
        where TProblem : struct, Minpack.IMinpackFunction
    {
        public RowFitter<TProblem> Fitter { get; } = parts.Fitter;

        // A field, not a property: the fitter takes the problem by reference.
        public TProblem Problem = parts.Problem;
    }
}
