// GpuLm CPU throughput benchmark.
//
//   dotnet run --project bench/GpuLm.Bench -c Release -- [--minpack PATH] [--data DIR] [--scale S] [--opencl]
//       [--layouts TxP,...] [--cpu-skip]
//
// Fits three synthetic batches (exp_decay m=32 n=3, gauss1d peak m=200 n=4, gauss2d 11×11
// n=5) on the CPU accelerator with 1 thread and with every core, analytic and
// finite-difference Jacobians, and prints fits per second. With --minpack, the same rows are
// fitted by netlib Fortran MINPACK (bench/minpack/fit_minpack.c, one thread) and the ratio is
// printed. It also times the compiled model evaluator against hand-written C# for the same
// models. bench/run.sh builds the C driver and runs all of it. With --opencl, the same batches
// are also fitted on the first OpenCL device (team size 1) in double and single precision,
// beside the CPU accelerator on every core. With --layouts (e.g. 1x1,1x8,4x1: team size x
// problems per work-group), each layout's double-precision rate on the first OpenCL device,
// and the default layout's rate with the batch cut into 8 chunks (two in flight at a time).
// --cpu-skip leaves out the CPU tables.
using System.Diagnostics;
using System.Globalization;
using GpuLm;
using GpuLm.Bench;
using GpuLm.Host;
using GpuLm.Host.Cpu;
using GpuLm.Host.Devices;
using GpuLm.Models;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string? minpack = Option(args, "--minpack");
string dataDir = Option(args, "--data") ?? Path.Combine(Path.GetTempPath(), "gpulm-bench");
double scale = double.Parse(Option(args, "--scale") ?? "1", CultureInfo.InvariantCulture);
bool opencl = args.Contains("--opencl");
string? layouts = Option(args, "--layouts");
bool cpu = !args.Contains("--cpu-skip");
Directory.CreateDirectory(dataDir);

Console.WriteLine($"# GpuLm CPU benchmark, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, "
    + $".NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
Console.WriteLine();

if (cpu)
{
    RunCpu(scale, minpack, dataDir);
}

if (opencl)
{
    RunOpenCL(scale);
}

if (layouts is not null)
{
    RunOpenCLLayouts(scale, layouts);
}

static void RunCpu(double scale, string? minpack, string dataDir)
{
    EvaluatorBenchmark.Run();
    Console.WriteLine();

    Console.WriteLine("| case | Jacobian | rows | GpuLm 1 thread (fits/s) | GpuLm all cores (fits/s) | speed-up | MINPACK 1 thread (fits/s) | GpuLm 1 thread / MINPACK | x equal to MINPACK's bit for bit |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    foreach (BenchCase c in BenchCase.All(scale))
    {
        string dataFile = Path.Combine(dataDir, c.Name + ".bin");
        c.WriteMinpackData(dataFile);
        foreach (JacobianMode mode in new[] { JacobianMode.Analytic, JacobianMode.FiniteDifferences })
        {
            var options = new FitOptions { Jacobian = mode };
            using CpuAccelerator one = Accelerators.Cpu(1);
            using CpuAccelerator all = Accelerators.Cpu();
            (double oneRate, FitResult result) = Measure(one, c.Batch, options);
            (double allRate, _) = Measure(all, c.Batch, options);
            string minpackRate = "";
            string ratio = "";
            string equal = "";
            if (minpack is not null)
            {
                string lm = mode == JacobianMode.Analytic ? "lmder" : "lmdif";
                string outFile = Path.Combine(dataDir, $"{c.Name}-{lm}.out");
                double rate = RunMinpack(minpack, dataFile, lm, outFile);
                minpackRate = rate.ToString("F0");
                ratio = (oneRate / rate).ToString("F2") + "×";
                equal = c.CountBitwiseEqual(outFile, result).ToString("P1");
            }

            Console.WriteLine($"| {c.Name} | {(mode == JacobianMode.Analytic ? "analytic" : "finite differences")} | {c.Batch.ProblemCount} "
                + $"| {oneRate:F0} | {allRate:F0} | {allRate / oneRate:F2}× | {minpackRate} | {ratio} | {equal} |");
        }
}
}

// Fits/s in double with the model's Jacobian for each layout (team size x problems per
// work-group) on the first OpenCL device; then the device's default layout with the batch in 8
// chunks, against one chunk.
static void RunOpenCLLayouts(double scale, string list)
{
    (int Team, int Pack)[] layouts =
    [
        .. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l =>
        {
            string[] parts = l.Split('x');
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }),
    ];
    var options = new FitOptions();
    Console.WriteLine();
    Console.WriteLine($"| case | rows | {string.Join(" | ", layouts.Select(l => $"team {l.Team} x {l.Pack} per group (fits/s)"))} | default, 8 chunks (fits/s) | 8 chunks / 1 chunk |");
    Console.WriteLine($"|---|---|{string.Concat(Enumerable.Repeat("---|", layouts.Length))}---|---|");
    foreach (BenchCase c in BenchCase.All(scale))
    {
        var rates = new List<string>();
        foreach ((int team, int pack) in layouts)
        {
            using DeviceAccelerator device = Accelerators.OpenCL(new DeviceSettings { Team = team, ProblemsPerGroup = pack });
            rates.Add(Measure(device, c.Batch, options).Rate.ToString("F0"));
        }

        using DeviceAccelerator whole = Accelerators.OpenCL();
        using DeviceAccelerator chunked = Accelerators.OpenCL(new DeviceSettings { MaxChunkRows = (c.Batch.ProblemCount + 7) / 8 });
        double oneChunk = Measure(whole, c.Batch, options).Rate;
        double eightChunks = Measure(chunked, c.Batch, options).Rate;
        Console.WriteLine($"| {c.Name} | {c.Batch.ProblemCount} | {string.Join(" | ", rates)} | {eightChunks:F0} | {eightChunks / oneChunk:F2}× |");
    }
}

// Fits/s on the first OpenCL device (team size 1) in double and single precision beside the CPU
// accelerator on every core (double). Single precision runs at ftol = xtol = 1e-7: leastsq's
// default 1.49e-8 is below float's epsilon.
static void RunOpenCL(double scale)
{
    using DeviceAccelerator device = Accelerators.OpenCL(new DeviceSettings { Team = 1 });
    using CpuAccelerator all = Accelerators.Cpu();
    Console.WriteLine();
    Console.WriteLine($"OpenCL: {device.DeviceName}; CPU accelerator: {Environment.ProcessorCount} threads");
    Console.WriteLine();
    Console.WriteLine("| case | Jacobian | rows | CPU accelerator all cores, double (fits/s) | OpenCL double (fits/s) | OpenCL / CPU | OpenCL single (fits/s) | OpenCL single / CPU |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|");
    foreach (BenchCase c in BenchCase.All(scale))
    {
        foreach (JacobianMode mode in new[] { JacobianMode.Analytic, JacobianMode.FiniteDifferences })
        {
            var options = new FitOptions { Jacobian = mode };
            var single = options with
            {
                Precision = Precision.Single,
                LeastSq = new LeastSqOptions { Ftol = 1e-7, Xtol = 1e-7 },
            };
            (double cpuRate, _) = Measure(all, c.Batch, options);
            (double doubleRate, _) = Measure(device, c.Batch, options);
            (double singleRate, _) = Measure(device, c.Batch, single);
            Console.WriteLine($"| {c.Name} | {(mode == JacobianMode.Analytic ? "analytic" : "finite differences")} | {c.Batch.ProblemCount} "
                + $"| {cpuRate:F0} | {doubleRate:F0} | {doubleRate / cpuRate:F2}× | {singleRate:F0} | {singleRate / cpuRate:F2}× |");
        }
    }
}

static string? Option(string[] args, string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

// Best of three timed runs after one warm-up run.
static (double Rate, FitResult Result) Measure(Accelerator accelerator, FitBatch batch, FitOptions options)
{
    FitResult result = accelerator.Fit(batch, options);
    double best = double.MaxValue;
    for (int k = 0; k < 3; k++)
    {
        var clock = Stopwatch.StartNew();
        result = accelerator.Fit(batch, options);
        best = Math.Min(best, clock.Elapsed.TotalSeconds);
    }

    return (batch.ProblemCount / best, result);
}

// Best of three runs of the C driver, which times its own fitting loop.
static double RunMinpack(string exe, string dataFile, string mode, string outFile)
{
    double best = 0;
    for (int k = 0; k < 3; k++)
    {
        var start = new ProcessStartInfo(exe, [dataFile, mode, outFile]) { RedirectStandardOutput = true };
        using Process p = Process.Start(start) ?? throw new InvalidOperationException($"could not start {exe}");
        string line = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} exited with {p.ExitCode}");
        }

        best = Math.Max(best, double.Parse(line.Split(' ')[3], CultureInfo.InvariantCulture));
    }

    return best;
}
