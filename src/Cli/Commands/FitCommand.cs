using System.CommandLine;
using System.Globalization;
using GpuLm.Cli.Fitting;
using GpuLm.Host;

namespace GpuLm.Cli.Commands;

/// <summary>
/// <c>gpulm fit</c>: fits a model to every row of an array (or every pixel of an image
/// stack) and writes leastsq's outputs as arrays.
/// </summary>
internal static class FitCommand
{
    private static readonly Option<string> ModelOption = new("--model")
    {
        Description = "A catalogue model name ('gpulm models' lists them) or an expression such as \"a*exp(-t/tau) + c\".",
        Required = true,
    };

    private static readonly Option<string?> ParamsOption = new("--params") { Description = "The expression's parameters, comma-separated, in order (default: names in order of first appearance)." };
    private static readonly Option<string?> VarsOption = new("--vars") { Description = "The expression's independent variables, comma-separated (default: t, or those of x, y, z that appear)." };
    private static readonly Option<string> YOption = new("--y") { Description = "The data: .npy of shape (B, m) or (H, W, m) (an image stack), or CSV with --format csv.", Required = true };
    private static readonly Option<string?> XOption = new("--x") { Description = "The independent variable(s): (m,) or (m, d) shared, or (B, m[, d]) per row. Default: 0..m-1 (d = 1), or the pixel grid of a square window (d = 2)." };
    private static readonly Option<string?> P0Option = new("--p0") { Description = "Starting parameters: a .npy of shape (B, n) or (n,), or a comma list such as 1,2.5,0. Default: 1 for every parameter." };
    private static readonly Option<string?> WeightsOption = new("--weights") { Description = "Weights 1/sigma, shaped like y; residuals are w*(f - y)." };
    private static readonly Option<string> JacobianOption = CreateChoice("--jacobian", "analytic", "Analytic (symbolic) Jacobian, as lmder, or numeric forward differences, as lmdif.", "analytic", "numeric");
    private static readonly Option<string> AcceleratorOption = CreateChoice("--accelerator", "auto", "Where to fit: auto takes CUDA, then an OpenCL GPU, then the CPU (GPULM_ACCELERATOR overrides auto); ilgpu-cpu runs the device kernel on ILGPU's CPU accelerator, for debugging it without a GPU.", "auto", "cpu", "opencl", "cuda", "ilgpu-cpu");
    private static readonly Option<string> PrecisionOption = CreateChoice("--precision", "double", "Arithmetic on device accelerators; the CPU accelerator always fits in double.", "double", "single");
    private static readonly Option<double?> FtolOption = new("--ftol") { Description = "leastsq's ftol (default 1.49012e-8)." };
    private static readonly Option<double?> XtolOption = new("--xtol") { Description = "leastsq's xtol (default 1.49012e-8)." };
    private static readonly Option<double?> GtolOption = new("--gtol") { Description = "leastsq's gtol (default 0)." };
    private static readonly Option<int?> MaxfevOption = new("--maxfev") { Description = "leastsq's maxfev (default 100*(n+1) analytic, 200*(n+1) numeric)." };
    private static readonly Option<double?> EpsfcnOption = new("--epsfcn") { Description = "leastsq's epsfcn for the numeric Jacobian (default 2^-52)." };
    private static readonly Option<double?> FactorOption = new("--factor") { Description = "leastsq's factor, the initial step bound (default 100)." };
    private static readonly Option<int?> ThreadsOption = new("--threads") { Description = "Threads of the CPU accelerator (default: all cores)." };
    private static readonly Option<int?> TeamOption = new("--team") { Description = "OpenCL: threads per problem, a power of two (default: 1)." };
    private static readonly Option<int?> PerGroupOption = new("--per-group") { Description = "OpenCL: problems per group, with --team 1 (default: 32 on a GPU, 1 on a CPU device)." };
    private static readonly Option<int?> ChunkOption = new("--chunk") { Description = "Rows per chunk (default: about 256 MiB of working memory)." };
    private static readonly Option<bool> FullOutputOption = new("--full-output") { Description = "Also write fvec, fjac, ipvt, qtf and cov_x, as leastsq's full_output." };
    private static readonly Option<bool> MapsOption = new("--maps") { Description = "Write a PNG heat map per parameter and one for ier (image stacks only)." };
    private static readonly Option<bool> QuietOption = new("--quiet") { Description = "No progress bar." };
    private static readonly Option<string> FormatOption = CreateChoice("--format", "npy", "Input format of --y, --x, --p0 and --weights files.", "npy", "csv");
    private static readonly Option<string> OutFormatOption = CreateChoice("--out-format", "npy", "Output format: .npy arrays, or one results.csv (row, parameters, ier, nfev, njev, fnorm).", "npy", "csv");
    private static readonly Option<string> OutOption = new("--out") { Description = "The output folder (created if missing).", Required = true };

    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("fit", "Fit a model to every row of an array, or every pixel of an image stack, with leastsq's outputs.")
        {
            ModelOption, ParamsOption, VarsOption, YOption, XOption, P0Option, WeightsOption, JacobianOption,
            AcceleratorOption, PrecisionOption, FtolOption, XtolOption, GtolOption, MaxfevOption, EpsfcnOption,
            FactorOption, ThreadsOption, TeamOption, PerGroupOption, ChunkOption, FullOutputOption, MapsOption, QuietOption, FormatOption,
            OutFormatOption, OutOption,
        };
        command.SetAction(Execute);
        return command;
    }

    private static Option<string> CreateChoice(string name, string defaultValue, string description, params string[] choices)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(choices);
        return option;
    }

    private static int Execute(ParseResult parsed)
    {
        var request = new FitRequest
        {
            Model = parsed.GetValue(ModelOption)!,
            Params = parsed.GetValue(ParamsOption),
            Vars = parsed.GetValue(VarsOption),
            Y = parsed.GetValue(YOption)!,
            X = parsed.GetValue(XOption),
            P0 = parsed.GetValue(P0Option),
            Weights = parsed.GetValue(WeightsOption),
            Numeric = parsed.GetValue(JacobianOption) == "numeric",
            Accelerator = parsed.GetValue(AcceleratorOption)!,
            Single = parsed.GetValue(PrecisionOption) == "single",
            Ftol = parsed.GetValue(FtolOption),
            Xtol = parsed.GetValue(XtolOption),
            Gtol = parsed.GetValue(GtolOption),
            MaxFev = parsed.GetValue(MaxfevOption),
            Epsfcn = parsed.GetValue(EpsfcnOption),
            Factor = parsed.GetValue(FactorOption),
            Threads = parsed.GetValue(ThreadsOption),
            Team = parsed.GetValue(TeamOption),
            PerGroup = parsed.GetValue(PerGroupOption),
            Chunk = parsed.GetValue(ChunkOption),
            FullOutput = parsed.GetValue(FullOutputOption),
            Maps = parsed.GetValue(MapsOption),
            Quiet = parsed.GetValue(QuietOption),
            Csv = parsed.GetValue(FormatOption) == "csv",
            CsvOut = parsed.GetValue(OutFormatOption) == "csv",
            Out = parsed.GetValue(OutOption)!,
        };
        return Run(request);
    }

    /// <summary>Runs a fit request end to end: inputs, accelerator, fit, outputs, summary.</summary>
    /// <param name="request">The options.</param>
    /// <returns>The exit code.</returns>
    public static int Run(FitRequest request)
    {
        using FitJob job = JobBuilder.Build(request);
        using Accelerator accelerator = AcceleratorChoice.Create(request.Accelerator, request.Threads, request.Team, request.PerGroup);
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        FitRunSummary summary;
        try
        {
            summary = FitRunner.Run(job, accelerator, interrupt.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        string summaryPath = Path.Combine(job.OutDirectory, "summary.json");
        SummaryWriter.Write(summaryPath, job, request, accelerator, summary);
        if (!request.Quiet)
        {
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"gpulm: {summary.Rows:N0} rows in {summary.Seconds:F2} s ({summary.FitsPerSecond:N0} fits/s) on {accelerator}; "
                + $"ier counts {string.Join(", ", summary.CountsByIer.Select(kv => $"{kv.Key}: {kv.Value}"))}; outputs in {job.OutDirectory}"));
        }

        if (summary.Cancelled)
        {
            Console.Error.WriteLine("gpulm: interrupted; rows not fitted are marked not run (ier -3) in the outputs.");
            return ExitCodes.Interrupted;
        }

        return ExitCodes.Success;
    }
}
