using GpuLm.Models;

namespace GpuLm.Cli.Fitting;

/// <summary>
/// Checks the inputs of <c>gpulm fit</c> against each other and builds the <see cref="FitJob"/>.
/// Every mismatch names the option, the file, the expected and the actual shape.
/// </summary>
internal static class JobBuilder
{
    /// <summary>Builds the job, or explains why not.</summary>
    /// <param name="request">The options as given.</param>
    /// <returns>The job; the caller disposes it.</returns>
    /// <exception cref="UsageException">An input is missing, malformed or of the wrong shape.</exception>
    public static FitJob Build(FitRequest request)
    {
        Model model = ModelResolver.Resolve(request.Model, request.Params, request.Vars);
        int n = model.ParameterCount;
        int d = model.VariableCount;
        var sources = new List<IRowSource>();
        var inputs = new Dictionary<string, string>();
        IRowSource Track(string name, string given, IRowSource source)
        {
            sources.Add(source);
            inputs[name] = $"{given} {Text(source.Shape)}";
            return source;
        }

        try
        {
            IRowSource y = Track("y", request.Y, Open("--y", request.Y, request.Csv));
            IReadOnlyList<long> yShape = y.Shape;
            if (yShape.Count is not (2 or 3))
            {
                throw new UsageException($"{y.Label}: expected shape (B, m) or (H, W, m); got {Text(yShape)}.");
            }

            long[] leading = yShape.Take(yShape.Count - 1).ToArray();
            long rows = leading.Aggregate(1L, (a, b) => a * b);
            long mLong = yShape[^1];
            if (rows < 1 || mLong < 1)
            {
                throw new UsageException($"{y.Label}: the array is empty, shape {Text(yShape)}.");
            }

            if (rows > int.MaxValue || mLong > int.MaxValue / Math.Max(1, n))
            {
                throw new UsageException($"{y.Label}: shape {Text(yShape)} is too large: at most {int.MaxValue} rows and m·n below 2^31.");
            }

            int m = (int)mLong;
            if (m < n)
            {
                throw new UsageException(
                    $"{y.Label}: each row has m={m} points but the model has n={n} parameters ({string.Join(", ", model.Parameters)}); "
                    + "a least-squares fit needs m ≥ n.");
            }

            if (request.Maps && leading.Length != 2)
            {
                throw new UsageException($"--maps draws image stacks: {y.Label} must have shape (H, W, m); it has {Text(yShape)}.");
            }

            double[]? sharedVariables = null;
            IRowSource? rowVariables = null;
            if (request.X is null)
            {
                sharedVariables = DefaultVariables(m, d, model);
            }
            else
            {
                IRowSource x = Track("x", request.X, Open("--x", request.X, request.Csv));
                IReadOnlyList<long> s = x.Shape;
                bool shared = d == 1
                    ? Same(s, [m]) || Same(s, [m, 1]) || (request.Csv && Same(s, [1, m]))
                    : Same(s, [m, d]);
                bool perRow = d == 1
                    ? MatchesRows(s, leading, [m])
                    : MatchesRows(s, leading, [m, d]);
                if (shared)
                {
                    sharedVariables = new double[m * d];
                    x.ReadRows(0, 1, m * d, sharedVariables);
                }
                else if (perRow)
                {
                    rowVariables = x;
                }
                else
                {
                    string expected = d == 1
                        ? $"(m,) = ({m},) shared, or {Text([.. leading, m])} per row"
                        : $"(m, d) = ({m}, {d}) shared, or {Text([.. leading, m, d])} per row";
                    throw new UsageException($"{x.Label}: expected shape {expected}; got {Text(s)}.");
                }
            }

            IRowSource? weights = null;
            if (request.Weights is not null)
            {
                weights = Track("weights", request.Weights, Open("--weights", request.Weights, request.Csv));
                if (!Same(weights.Shape, yShape))
                {
                    throw new UsageException($"{weights.Label}: expected the shape of --y, {Text(yShape)}; got {Text(weights.Shape)}.");
                }
            }

            double[]? sharedX0 = null;
            IRowSource? rowX0 = null;
            if (request.P0 is null)
            {
                sharedX0 = Enumerable.Repeat(1.0, n).ToArray();
            }
            else
            {
                bool isFile = File.Exists(request.P0) || request.P0.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)
                    || request.P0.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
                IRowSource p0 = Track(
                    "p0", request.P0, isFile ? Open("--p0", request.P0, request.Csv) : new ListSource("--p0", request.P0));
                IReadOnlyList<long> s = p0.Shape;
                if (Same(s, [n]) || (request.Csv && Same(s, [1, n]) && rows != 1))
                {
                    sharedX0 = new double[n];
                    p0.ReadRows(0, 1, n, sharedX0);
                }
                else if (MatchesRows(s, leading, [n]))
                {
                    rowX0 = p0;
                }
                else
                {
                    throw new UsageException(
                        $"{p0.Label}: expected n = {n} values ({string.Join(", ", model.Parameters)}), shape ({n},) for every row "
                        + $"or {Text([.. leading, n])} per row; got {Text(s)}.");
                }
            }

            var options = new FitOptions
            {
                LeastSq = new LeastSqOptions
                {
                    Ftol = request.Ftol ?? LeastSqOptions.DefaultTolerance,
                    Xtol = request.Xtol ?? LeastSqOptions.DefaultTolerance,
                    Gtol = request.Gtol ?? 0.0,
                    MaxFev = request.MaxFev ?? 0,
                    Epsfcn = request.Epsfcn,
                    Factor = request.Factor ?? 100.0,
                },
                Jacobian = request.Numeric ? JacobianMode.FiniteDifferences : JacobianMode.Analytic,
                Outputs = request.FullOutput ? FitOutputs.All : FitOutputs.None,
                Precision = request.Single ? Precision.Single : Precision.Double,
            };
            try
            {
                options.Validate(1, n);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message.Replace("options.LeastSq.", "--", StringComparison.Ordinal), e);
            }

            if (request.Chunk is < 1)
            {
                throw new UsageException($"--chunk must be at least 1 row; it is {request.Chunk}.");
            }

            int chunk = (int)Math.Min(
                request.Chunk ?? FitJob.DefaultChunkRows(rows, m, n, rowVariables is null ? 0 : d, options.Outputs),
                rows);
            var job = new FitJob
            {
                Model = model,
                ModelName = request.Model,
                Leading = leading,
                Points = m,
                Y = y,
                SharedVariables = sharedVariables,
                RowVariables = rowVariables,
                Weights = weights,
                SharedX0 = sharedX0,
                RowX0 = rowX0,
                Options = options,
                OutDirectory = request.Out,
                ChunkRows = chunk,
                CsvOutput = request.CsvOut,
                Maps = request.Maps,
                Quiet = request.Quiet,
                InputDescriptions = inputs,
            };
            foreach (IRowSource unused in sources.Where(s => s != y && s != rowVariables && s != weights && s != rowX0))
            {
                unused.Dispose();
            }

            return job;
        }
        catch
        {
            foreach (IRowSource s in sources)
            {
                s.Dispose();
            }

            throw;
        }
    }

    /// <summary>Without --x: 0..m−1 for one variable; the pixel grid (x = column, y = row)
    /// of a square window for two.</summary>
    private static double[] DefaultVariables(int m, int d, Model model)
    {
        if (d == 1)
        {
            return Enumerable.Range(0, m).Select(i => (double)i).ToArray();
        }

        int side = (int)Math.Round(Math.Sqrt(m));
        if (d == 2 && side * side == m)
        {
            double[] grid = new double[2 * m];
            for (int i = 0; i < m; i++)
            {
                grid[2 * i] = i % side;
                grid[2 * i + 1] = i / side;
            }

            return grid;
        }

        throw new UsageException(
            $"--x is required: the model has d={d} variables ({string.Join(", ", model.Variables)}), and only one variable "
            + "(0..m-1) or two on a square window (the pixel grid) have a default.");
    }

    private static IRowSource Open(string option, string path, bool csv) =>
        csv ? CsvSource.Read(option, path) : NpyIo.OpenSource(option, path);

    private static bool Same(IReadOnlyList<long> shape, IReadOnlyList<long> expected) => shape.SequenceEqual(expected);

    /// <summary>Whether <paramref name="shape"/> is the leading axes (or B flattened) followed by <paramref name="tail"/>.</summary>
    private static bool MatchesRows(IReadOnlyList<long> shape, long[] leading, long[] tail)
    {
        long rows = leading.Aggregate(1L, (a, b) => a * b);
        return Same(shape, [.. leading, .. tail]) || Same(shape, [rows, .. tail]);
    }

    /// <summary>A shape as numpy prints it: (3,), (2, 4).</summary>
    internal static string Text(IReadOnlyList<long> shape) =>
        shape.Count == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
}
