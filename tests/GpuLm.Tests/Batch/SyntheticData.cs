using GpuLm.Models;

namespace GpuLm.Tests.Batch;

/// <summary>Synthetic batches with known parameters, from fixed seeds.</summary>
internal static class SyntheticData
{
    /// <summary>Normal deviate by Box–Muller.</summary>
    public static double Gaussian(Random rng) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2.0 * Math.PI * rng.NextDouble());

    /// <summary>exp_decay pixels: y = a·exp(−t/tau) + b + noise·N(0,1), m = 32.</summary>
    public static (FitBatch Batch, double[] Truth) Decay(int rows, int seed, double noise = 1.0, double[]? weights = null)
    {
        const int m = 32;
        var rng = new Random(seed);
        double[] t = Enumerable.Range(0, m).Select(i => i * 0.25).ToArray();
        double[] y = new double[rows * m];
        double[] truth = new double[rows * 3];
        double[] x0 = new double[rows * 3];
        for (int r = 0; r < rows; r++)
        {
            double a = 50 + 100 * rng.NextDouble();
            double tau = 1 + 3 * rng.NextDouble();
            double b = 5 + 5 * rng.NextDouble();
            truth[3 * r] = a;
            truth[3 * r + 1] = tau;
            truth[3 * r + 2] = b;
            for (int i = 0; i < m; i++)
            {
                y[r * m + i] = a * Math.Exp(-t[i] / tau) + b + noise * Gaussian(rng);
            }

            x0[3 * r] = 100;
            x0[3 * r + 1] = 2;
            x0[3 * r + 2] = 7;
        }

        return (new FitBatch(ModelCatalog.Get("exp_decay").Model, rows, m, y, t, x0, weights), truth);
    }

    /// <summary>gauss1d spectra: y = a·exp(−(x−x0)²/(2σ²)) + b + noise·N(0,1), m = 200.</summary>
    public static (FitBatch Batch, double[] Truth) Peak(int rows, int seed, double noise = 1.0)
    {
        const int m = 200;
        var rng = new Random(seed);
        double[] x = Enumerable.Range(0, m).Select(i => i * 0.1).ToArray();
        double[] y = new double[rows * m];
        double[] truth = new double[rows * 4];
        double[] x0 = new double[rows * 4];
        for (int r = 0; r < rows; r++)
        {
            double a = 20 + 30 * rng.NextDouble();
            double mu = 8 + 4 * rng.NextDouble();
            double s = 0.8 + 0.8 * rng.NextDouble();
            double b = 2 + 3 * rng.NextDouble();
            truth[4 * r] = a;
            truth[4 * r + 1] = mu;
            truth[4 * r + 2] = s;
            truth[4 * r + 3] = b;
            for (int i = 0; i < m; i++)
            {
                double d = x[i] - mu;
                y[r * m + i] = a * Math.Exp(-(d * d) / (2 * s * s)) + b + noise * Gaussian(rng);
            }

            x0[4 * r] = 35;
            x0[4 * r + 1] = mu + (rng.NextDouble() - 0.5);
            x0[4 * r + 2] = 1.2;
            x0[4 * r + 3] = 3;
        }

        return (new FitBatch(ModelCatalog.Get("gauss1d").Model, rows, m, y, x, x0), truth);
    }
}
