using GpuLm.Models;
using GpuLm.Tests.Batch;

namespace GpuLm.Tests.OpenCL;

/// <summary>Parity batches from fixed seeds: decay, peak (gauss1d) and gauss2d rows, with
/// pure-noise rows (every 25th) and far-off starting points (every 40th) mixed in.</summary>
internal static class ParityData
{
    /// <summary>Decay rows: <see cref="SyntheticData.Decay"/> with noise-only and far-off rows.</summary>
    public static FitBatch Decay(int rows, int seed)
    {
        (FitBatch b, _) = SyntheticData.Decay(rows, seed);
        var rng = new Random(seed + 1);
        double[] x0 = b.SharedX0 ? Repeat(b.X0, rows) : (double[])b.X0.Clone();
        Mix(b.Y, x0, rows, b.PointCount, b.ParameterCount, rng, [1000.0, 0.05, -50.0]);
        return new FitBatch(b.Model, rows, b.PointCount, b.Y, b.Variables, x0, b.Weights);
    }

    /// <summary>gauss1d rows (m = 200): <see cref="SyntheticData.Peak"/> with noise-only and far-off rows.</summary>
    public static FitBatch Peak(int rows, int seed)
    {
        (FitBatch b, _) = SyntheticData.Peak(rows, seed);
        var rng = new Random(seed + 1);
        double[] x0 = (double[])b.X0.Clone();
        Mix(b.Y, x0, rows, b.PointCount, b.ParameterCount, rng, [500.0, 3.0, 8.0, -20.0]);
        return new FitBatch(b.Model, rows, b.PointCount, b.Y, b.Variables, x0, b.Weights);
    }

    /// <summary>gauss2d spots on a 7×7 grid (m = 49, shared x, y), noise 1.</summary>
    public static FitBatch Gauss2d(int rows, int seed)
    {
        const int side = 7;
        const int m = side * side;
        var rng = new Random(seed);
        var v = new double[2 * m];
        for (int i = 0; i < m; i++)
        {
            v[2 * i] = i % side;
            v[(2 * i) + 1] = i / side;
        }

        var y = new double[rows * m];
        var x0 = new double[rows * 5];
        for (int r = 0; r < rows; r++)
        {
            double a = 50 + 100 * rng.NextDouble();
            double cx = 2.5 + 1.5 * rng.NextDouble();
            double cy = 2.5 + 1.5 * rng.NextDouble();
            double s = 0.8 + 0.8 * rng.NextDouble();
            double b = 5 + 5 * rng.NextDouble();
            for (int i = 0; i < m; i++)
            {
                double dx = v[2 * i] - cx;
                double dy = v[(2 * i) + 1] - cy;
                y[(r * m) + i] = a * Math.Exp(-((dx * dx) + (dy * dy)) / (2 * s * s)) + b + SyntheticData.Gaussian(rng);
            }

            x0[5 * r] = 100;
            x0[(5 * r) + 1] = 3 + (rng.NextDouble() - 0.5);
            x0[(5 * r) + 2] = 3 + (rng.NextDouble() - 0.5);
            x0[(5 * r) + 3] = 1.2;
            x0[(5 * r) + 4] = 7;
        }

        Mix(y, x0, rows, m, 5, new Random(seed + 1), [2000.0, -10.0, 20.0, 9.0, -100.0]);
        return new FitBatch(ModelCatalog.Get("gauss2d").Model, rows, m, y, v, x0);
    }

    private static void Mix(double[] y, double[] x0, int rows, int m, int n, Random rng, double[] farOff)
    {
        for (int r = 0; r < rows; r++)
        {
            if (r % 25 == 7)
            {
                for (int i = 0; i < m; i++)
                {
                    y[(r * m) + i] = SyntheticData.Gaussian(rng);
                }
            }

            if (r % 40 == 13)
            {
                farOff.CopyTo(x0, r * n);
            }
        }
    }

    private static double[] Repeat(double[] x0, int rows) => [.. Enumerable.Range(0, rows).SelectMany(_ => x0)];
}
