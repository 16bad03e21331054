using System.Globalization;
using GpuLm.Cli.Maps;

namespace GpuLm.Cli.Fitting;

/// <summary>
/// The output files of a fit, appended chunk by chunk: the .npy arrays (or results.csv) and,
/// for image stacks with --maps, the values the PNG maps are drawn from.
/// </summary>
internal sealed class OutputSet : IDisposable
{
    private readonly FitJob _job;
    private readonly List<(string Name, IRowSink Sink, Action<IRowSink, FitResult> Write)> _arrays = [];
    private readonly StreamWriter? _csv;
    private readonly double[][]? _mapValues;
    private readonly int[]? _mapIer;
    private readonly List<string> _files = [];

    /// <summary>Creates the files for <paramref name="job"/>.</summary>
    /// <param name="job">The fit.</param>
    public OutputSet(FitJob job)
    {
        _job = job;
        int m = job.Points;
        int n = job.Parameters;
        long[] lead = job.Leading;
        FitOutputs outputs = job.Options.Outputs;
        if (job.CsvOutput)
        {
            string path = Path.Combine(job.OutDirectory, "results.csv");
            _csv = new StreamWriter(path) { NewLine = "\n" };
            _csv.WriteLine("row," + string.Join(",", job.Model.Parameters) + ",ier,nfev,njev,fnorm");
            _files.Add(path);
        }
        else
        {
            Add("x", [.. lead, n], false, (s, r) => s.Write(r.X));
            Add("ier", lead, true, (s, r) => s.Write(r.Ier));
            Add("nfev", lead, true, (s, r) => s.Write(r.Nfev));
            Add("njev", lead, true, (s, r) => s.Write(r.Njev));
            Add("fnorm", lead, false, (s, r) => s.Write(r.Fnorm));
            if (outputs.HasFlag(FitOutputs.Fvec))
            {
                Add("fvec", [.. lead, m], false, (s, r) => s.Write(r.Fvec!));
            }

            if (outputs.HasFlag(FitOutputs.Fjac))
            {
                Add("fjac", [.. lead, n, m], false, (s, r) => s.Write(r.Fjac!));
            }

            if (outputs.HasFlag(FitOutputs.Ipvt))
            {
                Add("ipvt", [.. lead, n], true, (s, r) => s.Write(r.Ipvt!));
            }

            if (outputs.HasFlag(FitOutputs.Qtf))
            {
                Add("qtf", [.. lead, n], false, (s, r) => s.Write(r.Qtf!));
            }

            if (outputs.HasFlag(FitOutputs.CovX))
            {
                Add("cov_x", [.. lead, n, n], false, (s, r) => s.Write(r.CovX!));
            }
        }

        if (job.Maps)
        {
            long rows = job.Rows;
            _mapValues = Enumerable.Range(0, n).Select(_ => new double[rows]).ToArray();
            _mapIer = new int[rows];
        }
    }

    /// <summary>The files written (maps included once <see cref="Finish"/> has run).</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Appends the outputs of rows [first, first + B) of a chunk.</summary>
    /// <param name="result">The chunk's results.</param>
    /// <param name="first">The chunk's first row.</param>
    public void Append(FitResult result, long first)
    {
        foreach ((_, IRowSink sink, Action<IRowSink, FitResult> write) in _arrays)
        {
            write(sink, result);
        }

        int n = result.ParameterCount;
        if (_csv is not null)
        {
            for (int row = 0; row < result.ProblemCount; row++)
            {
                _csv.Write((first + row).ToString(CultureInfo.InvariantCulture));
                for (int j = 0; j < n; j++)
                {
                    _csv.Write(',');
                    _csv.Write(result.X[row * n + j].ToString("R", CultureInfo.InvariantCulture));
                }

                _csv.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $",{result.Ier[row]},{result.Nfev[row]},{result.Njev[row]},{result.Fnorm[row]:R}"));
            }
        }

        if (_mapValues is not null)
        {
            for (int row = 0; row < result.ProblemCount; row++)
            {
                for (int j = 0; j < n; j++)
                {
                    _mapValues[j][first + row] = result.X[row * n + j];
                }

                _mapIer![first + row] = result.Ier[row];
            }
        }
    }

    /// <summary>Completes the files and draws the maps.</summary>
    public void Finish()
    {
        Dispose();
        if (_mapValues is null)
        {
            return;
        }

        int height = (int)_job.Leading[0];
        int width = (int)_job.Leading[1];
        for (int j = 0; j < _mapValues.Length; j++)
        {
            string path = Path.Combine(_job.OutDirectory, $"map_{_job.Model.Parameters[j]}.png");
            HeatMap.Write(path, _mapValues[j], height, width, _job.Model.Parameters[j]);
            _files.Add(path);
        }

        string ierPath = Path.Combine(_job.OutDirectory, "map_ier.png");
        HeatMap.WriteIer(ierPath, _mapIer!, height, width);
        _files.Add(ierPath);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach ((_, IRowSink sink, _) in _arrays)
        {
            sink.Dispose();
        }

        _arrays.Clear();
        _csv?.Dispose();
    }

    private void Add(string name, long[] shape, bool integer, Action<IRowSink, FitResult> write)
    {
        string path = Path.Combine(_job.OutDirectory, name + ".npy");
        _arrays.Add((name, NpyIo.CreateSink(path, integer, shape), write));
        _files.Add(path);
    }
}
