using System.Diagnostics;
using GpuLm.Host;

namespace GpuLm.Cli.Fitting;

/// <summary>What a finished run reports: counts, time, and whether it was interrupted.</summary>
/// <param name="Rows">B.</param>
/// <param name="CountsByIer">Rows per status.</param>
/// <param name="Seconds">Wall time of the fitting, reading and writing included.</param>
/// <param name="Cancelled">Whether Ctrl-C stopped it.</param>
/// <param name="Outputs">The files written.</param>
internal sealed record FitRunSummary(
    long Rows, SortedDictionary<int, long> CountsByIer, double Seconds, bool Cancelled, IReadOnlyList<string> Outputs)
{
    /// <summary>Rows per second over the whole run.</summary>
    public double FitsPerSecond => Seconds > 0 ? Rows / Seconds : 0;
}

/// <summary>
/// Runs a <see cref="FitJob"/> chunk by chunk: reads a block of rows, fits it on the
/// accelerator, appends the block's outputs to the files, so memory stays bounded whatever
/// the number of rows. Rows are independent, so the results do not depend on the chunk size.
/// </summary>
internal static class FitRunner
{
    /// <summary>Fits every row of <paramref name="job"/> and writes the outputs.</summary>
    /// <param name="job">The fit.</param>
    /// <param name="accelerator">Where to fit.</param>
    /// <param name="cancellationToken">Ctrl-C: the rows not fitted are written as not run.</param>
    /// <returns>The run's summary.</returns>
    public static FitRunSummary Run(FitJob job, Accelerator accelerator, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(job.OutDirectory);
        using var outputs = new OutputSet(job);
        var counts = new SortedDictionary<int, long>();
        int m = job.Points;
        int n = job.Parameters;
        int d = job.Dimensions;
        long rows = job.Rows;
        bool cancelled = false;
        using var bar = new ProgressBar(rows, job.Quiet);
        for (long first = 0; first < rows; first += job.ChunkRows)
        {
            int count = (int)Math.Min(job.ChunkRows, rows - first);
            FitResult result;
            if (cancelled || cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                result = NotRun(job, count);
            }
            else
            {
                FitBatch batch = ReadChunk(job, first, count, m, n, d);
                long before = first;
                var progress = new Progress(done => bar.Report(before + done));
                result = accelerator.Fit(batch, job.Options, progress, cancellationToken);
                cancelled |= result.Cancelled;
            }

            outputs.Append(result, first);
            foreach (int ier in result.Ier)
            {
                counts[ier] = counts.GetValueOrDefault(ier) + 1;
            }

            bar.Report(first + count);
        }

        outputs.Finish();
        return new FitRunSummary(rows, counts, clock.Elapsed.TotalSeconds, cancelled, outputs.Files);
    }

    private static FitBatch ReadChunk(FitJob job, long first, int count, int m, int n, int d)
    {
        double[] y = new double[count * m];
        job.Y.ReadRows(first, count, m, y);
        double[]? w = null;
        if (job.Weights is not null)
        {
            w = new double[count * m];
            job.Weights.ReadRows(first, count, m, w);
        }

        double[] variables;
        if (job.SharedVariables is not null)
        {
            variables = job.SharedVariables;
        }
        else
        {
            variables = new double[count * m * d];
            job.RowVariables!.ReadRows(first, count, m * d, variables);
        }

        double[] x0;
        if (job.SharedX0 is not null)
        {
            x0 = job.SharedX0;
        }
        else
        {
            x0 = new double[count * n];
            job.RowX0!.ReadRows(first, count, n, x0);
        }

        return new FitBatch(job.Model, count, m, y, variables, x0, w);
    }

    /// <summary>A chunk after Ctrl-C: every row marked not run.</summary>
    private static FitResult NotRun(FitJob job, int count)
    {
        var result = new FitResult(count, job.Points, job.Parameters, job.Options, job.Options.Jacobian == JacobianMode.Analytic);
        for (int row = 0; row < count; row++)
        {
            result.MarkNotRun(row);
        }

        return result;
    }

    /// <summary>Progress from one chunk's fit, forwarded synchronously.</summary>
    private sealed class Progress(Action<long> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value.RowsDone);
    }
}
