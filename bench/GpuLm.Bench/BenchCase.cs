using GpuLm.Models;

namespace GpuLm.Bench;

/// <summary>A synthetic batch of one catalogue model, with noise, from a fixed seed.</summary>
internal sealed class BenchCase
{
    private BenchCase(string name, int modelId, FitBatch batch)
    {
        Name = name;
        ModelId = modelId;
        Batch = batch;
    }

    public string Name { get; }

    /// <summary>The model's number in bench/minpack/fit_minpack.c.</summary>
    public int ModelId { get; }

    public FitBatch Batch { get; }

    public static IEnumerable<BenchCase> All(double scale)
    {
        yield return Decay((int)(40_000 * scale));
        yield return Peak((int)(4_000 * scale));
        yield return Spot((int)(10_000 * scale));
    }

    /// <summary>Writes the batch in fit_minpack's format.</summary>
    public void WriteMinpackData(string path)
    {
        using var w = new BinaryWriter(File.Create(path));
        int n = Batch.ParameterCount;
        foreach (int v in new[] { ModelId, Batch.ProblemCount, Batch.PointCount, n, Batch.Model.VariableCount })
        {
            w.Write(v);
        }

        foreach (double v in Batch.Variables)
        {
            w.Write(v);
        }

        foreach (double v in Batch.Y)
        {
            w.Write(v);
        }

        for (int b = 0; b < Batch.ProblemCount; b++)
        {
            for (int j = 0; j < n; j++)
            {
                w.Write(Batch.X0[Batch.X0Offset(b) + j]);
            }
        }
    }

    /// <summary>The fraction of rows whose x equals MINPACK's bit for bit.</summary>
    public double CountBitwiseEqual(string minpackOutput, FitResult result)
    {
        using var r = new BinaryReader(File.OpenRead(minpackOutput));
        int equal = 0;
        int n = Batch.ParameterCount;
        for (int b = 0; b < Batch.ProblemCount; b++)
        {
            bool same = true;
            for (int j = 0; j < n; j++)
            {
                same &= BitConverter.DoubleToInt64Bits(r.ReadDouble()) == BitConverter.DoubleToInt64Bits(result.X[b * n + j]);
            }

            equal += same ? 1 : 0;
        }

        return (double)equal / Batch.ProblemCount;
    }

    private static BenchCase Decay(int rows)
    {
        const int m = 32;
        var rng = new Random(1);
        double[] t = Enumerable.Range(0, m).Select(i => i * 0.25).ToArray();
        double[] y = new double[rows * m];
        double[] x0 = new double[rows * 3];
        for (int b = 0; b < rows; b++)
        {
            double a = 50 + 100 * rng.NextDouble();
            double tau = 1 + 3 * rng.NextDouble();
            double c = 5 + 5 * rng.NextDouble();
            for (int i = 0; i < m; i++)
            {
                y[b * m + i] = a * Math.Exp(-t[i] / tau) + c + Gaussian(rng);
            }

            x0[b * 3 + 0] = 100;
            x0[b * 3 + 1] = 2;
            x0[b * 3 + 2] = 7;
        }

        return new BenchCase("decay m=32", 0, new FitBatch(ModelCatalog.Get("exp_decay").Model, rows, m, y, t, x0));
    }

    private static BenchCase Peak(int rows)
    {
        const int m = 200;
        var rng = new Random(2);
        double[] x = Enumerable.Range(0, m).Select(i => i * 0.1).ToArray();
        double[] y = new double[rows * m];
        double[] x0 = new double[rows * 4];
        for (int b = 0; b < rows; b++)
        {
            double a = 20 + 30 * rng.NextDouble();
            double mu = 8 + 4 * rng.NextDouble();
            double s = 0.8 + 0.8 * rng.NextDouble();
            double c = 2 + 3 * rng.NextDouble();
            for (int i = 0; i < m; i++)
            {
                double d = x[i] - mu;
                y[b * m + i] = a * Math.Exp(-(d * d) / (2 * s * s)) + c + Gaussian(rng);
            }

            x0[b * 4 + 0] = 35;
            x0[b * 4 + 1] = 10;
            x0[b * 4 + 2] = 1.2;
            x0[b * 4 + 3] = 3;
        }

        return new BenchCase("peak m=200", 1, new FitBatch(ModelCatalog.Get("gauss1d").Model, rows, m, y, x, x0));
    }

    private static BenchCase Spot(int rows)
    {
        const int side = 11;
        const int m = side * side;
        var rng = new Random(3);
        double[] xy = new double[m * 2];
        for (int i = 0; i < m; i++)
        {
            xy[2 * i] = i % side;
            xy[2 * i + 1] = i / side;
        }

        double[] y = new double[rows * m];
        double[] x0 = new double[rows * 5];
        for (int b = 0; b < rows; b++)
        {
            double a = 100 + 200 * rng.NextDouble();
            double cx = 4 + 2 * rng.NextDouble();
            double cy = 4 + 2 * rng.NextDouble();
            double s = 1 + rng.NextDouble();
            double c = 10 * rng.NextDouble();
            for (int i = 0; i < m; i++)
            {
                double dx = xy[2 * i] - cx;
                double dy = xy[2 * i + 1] - cy;
                y[b * m + i] = a * Math.Exp(-(dx * dx + dy * dy) / (2 * s * s)) + c + 2 * Gaussian(rng);
            }

            x0[b * 5 + 0] = 150;
            x0[b * 5 + 1] = 5;
            x0[b * 5 + 2] = 5;
            x0[b * 5 + 3] = 1.5;
            x0[b * 5 + 4] = 5;
        }

        return new BenchCase("gauss2d 11×11", 2, new FitBatch(ModelCatalog.Get("gauss2d").Model, rows, m, y, xy, x0));
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
