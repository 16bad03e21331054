using System.Globalization;

namespace GpuLm.Tests.OpenCL;

/// <summary>How a device's results agree with the CPU accelerator's, row by row.</summary>
internal sealed record ParityStatistics(
    int Rows, int SameIer, int SameClass, int SameNfev, int BitIdentical, int[] Within, double WorstX, string Disagreements)
{
    /// <summary>The tolerances X differences are counted against (relative to max(|x|, standard error)).</summary>
    public static readonly double[] Tolerances = [1e-10, 1e-6, 1e-3];

    /// <summary>Compares <paramref name="device"/> with <paramref name="cpu"/> (which should carry
    /// CovX for the standard errors): X relative to max(|x|, standard error) wherever ier agrees.</summary>
    public static ParityStatistics Compare(FitResult device, FitResult cpu)
    {
        int rows = cpu.ProblemCount;
        int n = cpu.ParameterCount;
        int m = cpu.PointCount;
        int sameIer = 0;
        int sameClass = 0;
        int sameNfev = 0;
        int identical = 0;
        var within = new int[Tolerances.Length];
        double worst = 0;
        var differing = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < rows; r++)
        {
            sameNfev += device.Nfev[r] == cpu.Nfev[r] ? 1 : 0;
            sameClass += LeastSqStatus.IsSuccess(device.Ier[r]) == LeastSqStatus.IsSuccess(cpu.Ier[r]) ? 1 : 0;
            if (device.Ier[r] != cpu.Ier[r])
            {
                string key = $"{cpu.Ier[r]}→{device.Ier[r]}";
                differing[key] = differing.GetValueOrDefault(key) + 1;
                continue;
            }

            sameIer++;
            double s2 = cpu.Fnorm[r] * cpu.Fnorm[r] / Math.Max(1, m - n);
            double rowWorst = 0;
            bool bits = device.Nfev[r] == cpu.Nfev[r];
            for (int j = 0; j < n; j++)
            {
                double a = cpu.X[(r * n) + j];
                double b = device.X[(r * n) + j];
                bits &= BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
                if (a == b || (double.IsNaN(a) && double.IsNaN(b)))
                {
                    continue;
                }

                double cov = cpu.CovX?[(((r * n) + j) * n) + j] ?? double.NaN;
                double se = double.IsFinite(cov) && cov >= 0 ? Math.Sqrt(cov * s2) : 0.0;
                double scale = Math.Max(Math.Abs(a), se);
                double rel = Math.Abs(a - b) / (scale > 0 ? scale : 1.0);
                rowWorst = double.IsNaN(rel) ? double.PositiveInfinity : Math.Max(rowWorst, rel);
            }

            identical += bits ? 1 : 0;
            worst = Math.Max(worst, rowWorst);
            for (int k = 0; k < Tolerances.Length; k++)
            {
                within[k] += rowWorst <= Tolerances[k] ? 1 : 0;
            }
        }

        string text = differing.Count == 0 ? "none" : string.Join(", ", differing.Select(p => $"{p.Value}× {p.Key}"));
        return new ParityStatistics(rows, sameIer, sameClass, sameNfev, identical, within, worst, text);
    }

    /// <summary>The rows (of those whose ier agrees) with X within <paramref name="tolerance"/>, one of <see cref="Tolerances"/>.</summary>
    public int WithinTolerance(double tolerance) => Within[Array.IndexOf(Tolerances, tolerance)];

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Rows} rows: same ier {Pct(SameIer)}, same success class {Pct(SameClass)}, same nfev {Pct(SameNfev)}, "
        + $"bit-identical {Pct(BitIdentical)}; of the {SameIer} with the same ier, X within 1e-10 {Within[0]}, 1e-6 {Within[1]}, "
        + $"1e-3 {Within[2]}, worst {WorstX:0.0e+0}; ier CPU→device: {Disagreements}");

    private string Pct(int count) => string.Create(CultureInfo.InvariantCulture, $"{count} ({100.0 * count / Rows:0.00}%)");
}
