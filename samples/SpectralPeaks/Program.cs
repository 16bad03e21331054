// Peaks in spectra: 2,000 spectra with one Gaussian peak and 2,000 with one pseudo-Voigt peak,
// each fitted as one batch with a catalogue model (gauss1d, pseudo_voigt) from starting values
// read off the spectrum itself, then checked against the peaks the spectra were made from.
// Exits 1 when a check fails.
using System.Diagnostics;
using System.Globalization;
using GpuLm;
using GpuLm.Host;
using GpuLm.Models;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int spectra = 2000;
const int m = 200;
const double noise = 1.0;
const double dx = 0.5;

// The wavelength axis, 500 to 599.5 nm, shared by every spectrum.
double[] x = Enumerable.Range(0, m).Select(i => 500.0 + dx * i).ToArray();
var rng = new Random(2027);
using Accelerator accelerator = Accelerators.Default();
Console.WriteLine($"device    {accelerator}");
Console.WriteLine($"spectra   {spectra} per model × {m} points, {x[0]} to {x[^1]} nm; Gaussian noise of {noise}");

int checks = 0;
int failures = 0;
FitAndCheck("gauss1d");
FitAndCheck("pseudo_voigt");

Console.WriteLine();
Console.WriteLine(failures == 0
    ? $"PASS  SpectralPeaks: {checks} of {checks} checks"
    : $"FAIL  SpectralPeaks: {failures} of {checks} checks failed");
return failures == 0 ? 0 : 1;

void FitAndCheck(string name)
{
    CatalogModel model = ModelCatalog.Get(name);
    int n = model.Parameters.Count;
    bool voigt = name == "pseudo_voigt";

    // The truth: height 20 to 100 above a background of 2 to 10, centre 530 to 570 nm, FWHM
    // 5 to 15 nm, and for the pseudo-Voigt a Lorentzian fraction of 0.2 to 0.8. gauss1d takes
    // sigma = FWHM/(2·sqrt(2·ln 2)) rather than the FWHM.
    double[] truth = new double[spectra * n];
    double[] y = new double[spectra * m];
    for (int s = 0; s < spectra; s++)
    {
        double a = 20 + 80 * rng.NextDouble();
        double centre = 530 + 40 * rng.NextDouble();
        double fwhm = 5 + 10 * rng.NextDouble();
        double b = 2 + 8 * rng.NextDouble();
        double eta = 0.2 + 0.6 * rng.NextDouble();
        double[] p = voigt ? [a, centre, fwhm, b, eta] : [a, centre, fwhm / FwhmPerSigma(), b];
        p.CopyTo(truth, s * n);
        for (int i = 0; i < m; i++)
        {
            double u = (x[i] - centre) / fwhm;
            double gaussian = Math.Exp(-4 * Math.Log(2) * u * u);
            double shape = voigt ? eta / (1 + 4 * u * u) + (1 - eta) * gaussian : gaussian;
            y[s * m + i] = a * shape + b + noise * Gaussian(rng);
        }
    }

    double[] x0 = new double[spectra * n];
    for (int s = 0; s < spectra; s++)
    {
        StartFromSpectrum(y.AsSpan(s * m, m), voigt).CopyTo(x0, s * n);
    }

    var batch = new FitBatch(model.Model, spectra, m, y, x, x0);
    var clock = Stopwatch.StartNew();
    FitResult result = accelerator.Fit(batch, new FitOptions { Outputs = FitOutputs.CovX });
    double seconds = clock.Elapsed.TotalSeconds;

    Console.WriteLine();
    Console.WriteLine($"model     {name}: {model.Expression}");
    Console.WriteLine($"fitted    {spectra} spectra in {seconds:F3} s; ier counts "
        + string.Join(", ", result.CountsByIer().Select(c => $"{c.Key}: {c.Value}")));

    // A few spectra in full: each parameter fitted ± its standard error, beside the truth.
    for (int s = 0; s < 3; s++)
    {
        FitResultRow row = result.Row(s);
        double[]? se = row.StandardErrors();
        Console.WriteLine($"  spectrum {s}: ier {row.Ier}, nfev {row.Nfev}, rms residual {row.Fnorm / Math.Sqrt(m):F3}");
        for (int j = 0; j < n; j++)
        {
            string error = se is null ? "(no cov_x)" : $"± {se[j],-8:G3}";
            Console.WriteLine($"    {model.Parameters[j].Name,-6} {row.X[j],10:F4} {error}  true {truth[s * n + j],10:F4}");
        }
    }

    // Over every spectrum: z = (fitted − true)/standard error for each parameter. With honest
    // standard errors it is close to Student's t with m − n ≈ 195 degrees of freedom, so about
    // 99.7 % lie within 3. A sigma of either sign fits a Gaussian equally well; compare |sigma|.
    int converged = 0;
    int[] within = new int[n];
    double[] centreError = new double[spectra];
    for (int s = 0; s < spectra; s++)
    {
        FitResultRow row = result.Row(s);
        converged += row.Success ? 1 : 0;
        centreError[s] = Math.Abs(row.X[1] - truth[s * n + 1]);
        double[]? se = row.StandardErrors();
        for (int j = 0; j < n; j++)
        {
            double fitted = model.Parameters[j].Name == "sigma" ? Math.Abs(row.X[j]) : row.X[j];
            within[j] += se is not null && Math.Abs(fitted - truth[s * n + j]) <= 3 * se[j] ? 1 : 0;
        }
    }

    double medianCentreError = Median(centreError);
    Console.WriteLine($"  over all {spectra}: median |centre error| {medianCentreError:F4} nm; within 3 standard errors: "
        + string.Join(", ", Enumerable.Range(0, n).Select(j => $"{model.Parameters[j].Name} {within[j] * 100.0 / spectra:F2} %")));

    // The bounds: every fit converges; the centre is found to a small fraction of a channel
    // (dx = 0.5 nm; the median error is about 0.02 nm); and in at least 99 % of spectra every
    // parameter lies within 3 standard errors of its truth (binomial spread at 2,000 spectra:
    // 0.1 %, so 99 % is far below the 99.7 % expected).
    Check(converged == spectra, $"{name}: every spectrum converged (ier 1 to 4): {converged} of {spectra}");
    Check(medianCentreError < 0.1 * dx, $"{name}: median centre error {medianCentreError:F4} nm < {0.1 * dx} nm (a tenth of a channel)");
    for (int j = 0; j < n; j++)
    {
        Check(within[j] >= 0.99 * spectra,
            $"{name}: {model.Parameters[j].Name} within 3 standard errors of the truth in {within[j] * 100.0 / spectra:F2} % of spectra (at least 99 %)");
    }
}

// Starting values read off the spectrum, as one would by eye: the background from the first
// and last 20 points, the centre at the maximum of a 5-point running mean, the height above
// the background there, and the FWHM from where that running mean crosses half the height.
double[] StartFromSpectrum(ReadOnlySpan<double> spectrum, bool voigt)
{
    double[] edges = [.. spectrum[..20], .. spectrum[^20..]];
    double background = Median(edges);
    double[] smooth = new double[m];
    for (int i = 0; i < m; i++)
    {
        int lo = Math.Max(0, i - 2);
        int hi = Math.Min(m - 1, i + 2);
        double sum = 0;
        for (int k = lo; k <= hi; k++)
        {
            sum += spectrum[k];
        }

        smooth[i] = sum / (hi - lo + 1);
    }

    int peak = Array.IndexOf(smooth, smooth.Max());
    double height = smooth[peak] - background;
    int left = peak;
    while (left > 0 && smooth[left] - background > height / 2)
    {
        left--;
    }

    int right = peak;
    while (right < m - 1 && smooth[right] - background > height / 2)
    {
        right++;
    }

    double fwhm = Math.Max(right - left, 2) * dx;
    return voigt
        ? [height, x[peak], fwhm, background, 0.5]
        : [height, x[peak], fwhm / FwhmPerSigma(), background];
}

void Check(bool passed, string what)
{
    checks++;
    failures += passed ? 0 : 1;
    Console.WriteLine($"{(passed ? "PASS" : "FAIL")}  {what}");
}

static double FwhmPerSigma() => 2 * Math.Sqrt(2 * Math.Log(2));

static double Gaussian(Random rng) =>
    Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

static double Median(double[] values)
{
    double[] sorted = (double[])values.Clone();
    Array.Sort(sorted);
    int h = sorted.Length / 2;
    return sorted.Length % 2 == 1 ? sorted[h] : 0.5 * (sorted[h - 1] + sorted[h]);
}
