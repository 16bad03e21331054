using System.CommandLine;
using System.Globalization;
using GpuLm.Cli.Fitting;
using GpuLm.Cli.Npy;

namespace GpuLm.Cli.Commands;

/// <summary>
/// <c>gpulm demo</c>: a synthetic 256×256×32 fluorescence-lifetime stack with a known lifetime
/// pattern, fitted with exp_decay on the default accelerator through the same pipeline as
/// <c>gpulm fit</c>; prints a summary and the error against the truth, and writes the maps.
/// </summary>
internal static class DemoCommand
{
    private const int Side = 256;
    private const int Points = 32;

    private static readonly Option<string> OutOption = new("--out")
    {
        Description = "Where to write the stack, the outputs and the maps.",
        DefaultValueFactory = _ => "gpulm-demo",
    };

    private static readonly Option<int> SizeOption = new("--size")
    {
        Description = "The image side in pixels (the stack is size×size×32).",
        DefaultValueFactory = _ => Side,
    };

    private static readonly Option<bool> QuietOption = new("--quiet") { Description = "No progress bar." };

    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("demo", "Fit a synthetic 256×256×32 lifetime stack with a known pattern and report the error against the truth.")
        {
            OutOption, SizeOption, QuietOption,
        };
        command.SetAction(parsed => Run(parsed.GetValue(OutOption)!, parsed.GetValue(SizeOption), parsed.GetValue(QuietOption)));
        return command;
    }

    private static int Run(string outDirectory, int side, bool quiet)
    {
        if (side < 1)
        {
            throw new UsageException($"--size must be at least 1 pixel; it is {side}.");
        }

        Directory.CreateDirectory(outDirectory);
        (double[] y, double[] t, double[] truth) = Stack(side);
        string yPath = Path.Combine(outDirectory, "stack.npy");
        string tPath = Path.Combine(outDirectory, "t.npy");
        NpyFile.Write(yPath, y, [side, side, Points]);
        NpyFile.Write(tPath, t, [Points]);
        NpyFile.Write(Path.Combine(outDirectory, "truth.npy"), truth, [side, side, 3]);
        Console.WriteLine($"gpulm demo: a {side}×{side}×{Points} decay stack, y = a·exp(−t/tau) + b with Gaussian noise (σ = 2)");
        Console.WriteLine($"  written to {yPath} (t in {tPath}, true parameters in {Path.Combine(outDirectory, "truth.npy")})");
        Console.WriteLine();

        int code = FitCommand.Run(new FitRequest
        {
            Model = "exp_decay",
            Y = yPath,
            X = tPath,
            P0 = "80,2,5",
            Maps = true,
            Quiet = quiet,
            Out = outDirectory,
        });
        if (code != ExitCodes.Success)
        {
            return code;
        }

        double[] x = NpyFile.ReadDoubles(Path.Combine(outDirectory, "x.npy"), out _);
        int[] ier = NpyFile.ReadInt32(Path.Combine(outDirectory, "ier.npy"), out _);
        using JsonSummary summary = JsonSummary.Read(Path.Combine(outDirectory, "summary.json"));
        PrintReport(x, ier, truth, summary, outDirectory);
        return ExitCodes.Success;
    }

    /// <summary>The stack: lifetimes from 1 to 4 in rings and a gradient, amplitudes 60 to 140, offset 10.</summary>
    private static (double[] Y, double[] T, double[] Truth) Stack(int side)
    {
        var rng = new Random(20261122);
        double[] t = Enumerable.Range(0, Points).Select(i => 0.25 * i).ToArray();
        double[] y = new double[side * side * Points];
        double[] truth = new double[side * side * 3];
        for (int row = 0; row < side; row++)
        {
            for (int col = 0; col < side; col++)
            {
                double u = (col + 0.5) / side - 0.5;
                double v = (row + 0.5) / side - 0.5;
                double r = Math.Sqrt(u * u + v * v);
                double tau = 2.5 + 1.0 * Math.Cos(6 * Math.PI * r) + 0.5 * u;
                double a = 100 + 40 * Math.Sin(2 * Math.PI * v);
                const double b = 10;
                int p = row * side + col;
                truth[3 * p] = a;
                truth[3 * p + 1] = tau;
                truth[3 * p + 2] = b;
                for (int i = 0; i < Points; i++)
                {
                    double noise = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                    y[p * Points + i] = a * Math.Exp(-t[i] / tau) + b + 2 * noise;
                }
            }
        }

        return (y, t, truth);
    }

    private static void PrintReport(double[] x, int[] ier, double[] truth, JsonSummary summary, string outDirectory)
    {
        int pixels = ier.Length;
        Console.WriteLine($"| accelerator | {summary.Device} |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| pixels | {pixels:N0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| wall time | {summary.WallSeconds:F2} s (reading, fitting, writing) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| fits per second | {summary.FitsPerSecond:N0} |"));
        foreach (IGrouping<int, int> g in ier.GroupBy(i => i).OrderBy(g => g.Key))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ier {g.Key} | {g.Count():N0} pixels |"));
        }

        string[] names = ["a", "tau", "b"];
        for (int j = 0; j < 3; j++)
        {
            double[] relative = Enumerable.Range(0, pixels)
                .Where(p => LeastSqStatus.IsSuccess(ier[p]))
                .Select(p => Math.Abs(x[3 * p + j] - truth[3 * p + j]) / Math.Abs(truth[3 * p + j]))
                .Order()
                .ToArray();
            double median = relative.Length > 0 ? relative[relative.Length / 2] : double.NaN;
            double p95 = relative.Length > 0 ? relative[(int)(0.95 * (relative.Length - 1))] : double.NaN;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {names[j]} error against the truth | median {median:P2}, 95th percentile {p95:P2} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"maps: {string.Join(", ", Directory.GetFiles(outDirectory, "map_*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal))} in {outDirectory}");
    }

    /// <summary>The few summary.json fields the report prints.</summary>
    private sealed class JsonSummary : IDisposable
    {
        private readonly System.Text.Json.JsonDocument _document;

        private JsonSummary(System.Text.Json.JsonDocument document) => _document = document;

        public string Device => _document.RootElement.GetProperty("device").GetString() ?? "";

        public double WallSeconds => _document.RootElement.GetProperty("wall_seconds").GetDouble();

        public double FitsPerSecond => _document.RootElement.GetProperty("fits_per_second").GetDouble();

        public static JsonSummary Read(string path) => new(System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path)));

        public void Dispose() => _document.Dispose();
    }
}
