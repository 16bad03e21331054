// A lifetime map: one exponential decay per pixel of a 128×128 stack of 32 time points,
// fitted as one batch on the default accelerator (GPULM_ACCELERATOR picks another).
using System.Diagnostics;
using System.Globalization;
using GpuLm;
using GpuLm.Host;
using GpuLm.Models;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int side = 128;
const int pixels = side * side;
const int m = 32;

// The stack: a lifetime gradient from 1 to 4 across the image, amplitude 100, offset 10,
// Gaussian noise of 1; t is shared by every pixel.
var rng = new Random(2026);
double[] t = Enumerable.Range(0, m).Select(i => 0.25 * i).ToArray();
double[] y = new double[pixels * m];
double[] trueTau = new double[pixels];
for (int p = 0; p < pixels; p++)
{
    trueTau[p] = 1.0 + 3.0 * (p % side) / (side - 1);
    for (int i = 0; i < m; i++)
    {
        double noise = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        y[p * m + i] = 100.0 * Math.Exp(-t[i] / trueTau[p]) + 10.0 + noise;
    }
}

Model decay = Model.Parse("a*exp(-t/tau) + c");   // parameters a, tau, c; variable t
var batch = new FitBatch(decay, pixels, m, y, t, x0: [80.0, 2.0, 5.0]);
using Accelerator accelerator = Accelerators.Default();
var clock = Stopwatch.StartNew();
FitResult result = accelerator.Fit(batch, new FitOptions { Outputs = FitOutputs.CovX | FitOutputs.Fvec });
double seconds = clock.Elapsed.TotalSeconds;

Console.WriteLine($"model     {decay}  (parameters {string.Join(", ", decay.Parameters)})");
Console.WriteLine($"device    {accelerator}");
Console.WriteLine($"fitted    {pixels} pixels × {m} points in {seconds:F3} s ({pixels / seconds:F0} fits/s)");
foreach ((int ier, int count) in result.CountsByIer())
{
    Console.WriteLine($"ier {ier,2}    {count,6} pixels   {LeastSqStatus.Message(ier, 1.49012e-8, 1.49012e-8, 0, 400).Split('\n')[0]}");
}

// How well the lifetime map matches the truth, and how honest the standard errors are.
double sumRel = 0;
int within = 0;
for (int p = 0; p < pixels; p++)
{
    FitResultRow row = result.Row(p);
    sumRel += Math.Abs(row.X[1] - trueTau[p]) / trueTau[p];
    double[]? se = row.StandardErrors();
    within += se is not null && Math.Abs(row.X[1] - trueTau[p]) <= 3 * se[1] ? 1 : 0;
}

Console.WriteLine($"tau       mean relative error {sumRel / pixels:P2}; {within * 100.0 / pixels:F2} % of pixels within 3 standard errors of the truth");
