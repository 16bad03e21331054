using System.Diagnostics;
using GpuLm.Models;

namespace GpuLm.Bench;

/// <summary>
/// The compiled model evaluator against hand-written C# for the same model: values and
/// Jacobian of exp_decay (m = 32) and gauss2d (11×11), nanoseconds per point.
/// </summary>
internal static class EvaluatorBenchmark
{
    public static void Run()
    {
        Console.WriteLine("| evaluator | compiled (ns/point) | hand-written (ns/point) | ratio |");
        Console.WriteLine("|---|---|---|---|");
        const int m = 32;
        double[] t = Enumerable.Range(0, m).Select(i => i * 0.25).ToArray();
        double[] p = [100, 2, 7];
        double[] f = new double[m];
        double[] jac = new double[m * 3];
        CompiledModel decay = ModelCatalog.Get("exp_decay").Model.Compile();
        Report(
            "exp_decay values",
            m,
            () => decay.Values(p, t, 0, m, f),
            () =>
            {
                for (int i = 0; i < m; i++)
                {
                    f[i] = p[0] * Math.Exp(-t[i] / p[1]) + p[2];
                }
            });
        Report(
            "exp_decay Jacobian",
            m,
            () => decay.Jacobian(p, t, 0, m, jac),
            () =>
            {
                for (int i = 0; i < m; i++)
                {
                    double e = Math.Exp(-t[i] / p[1]);
                    jac[i] = e;
                    jac[m + i] = p[0] * e * t[i] / (p[1] * p[1]);
                    jac[2 * m + i] = 1.0;
                }
            });

        const int side = 11;
        const int m2 = side * side;
        double[] xy = new double[2 * m2];
        for (int i = 0; i < m2; i++)
        {
            xy[2 * i] = i % side;
            xy[2 * i + 1] = i / side;
        }

        double[] q = [150, 5.2, 4.9, 1.4, 5];
        double[] g = new double[m2];
        double[] gj = new double[m2 * 5];
        CompiledModel spot = ModelCatalog.Get("gauss2d").Model.Compile();
        Report(
            "gauss2d values",
            m2,
            () => spot.Values(q, xy, 0, m2, g),
            () =>
            {
                for (int i = 0; i < m2; i++)
                {
                    double dx = xy[2 * i] - q[1];
                    double dy = xy[2 * i + 1] - q[2];
                    g[i] = q[0] * Math.Exp(-(dx * dx + dy * dy) / (2 * (q[3] * q[3]))) + q[4];
                }
            });
        Report(
            "gauss2d Jacobian",
            m2,
            () => spot.Jacobian(q, xy, 0, m2, gj),
            () =>
            {
                for (int i = 0; i < m2; i++)
                {
                    double dx = xy[2 * i] - q[1];
                    double dy = xy[2 * i + 1] - q[2];
                    double s2 = q[3] * q[3];
                    double e = Math.Exp(-(dx * dx + dy * dy) / (2 * s2));
                    gj[i] = e;
                    gj[m2 + i] = q[0] * e * dx / s2;
                    gj[2 * m2 + i] = q[0] * e * dy / s2;
                    gj[3 * m2 + i] = q[0] * e * (dx * dx + dy * dy) / (s2 * q[3]);
                    gj[4 * m2 + i] = 1.0;
                }
            });
    }

    private static void Report(string name, int points, Action compiled, Action handWritten)
    {
        double c = NanosecondsPerPoint(compiled, points);
        double h = NanosecondsPerPoint(handWritten, points);
        Console.WriteLine($"| {name} | {c:F2} | {h:F2} | {c / h:F2}× |");
    }

    private static double NanosecondsPerPoint(Action action, int points)
    {
        const int calls = 200_000;
        for (int k = 0; k < 20_000; k++)
        {
            action();
        }

        double best = double.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            for (int k = 0; k < calls; k++)
            {
                action();
            }

            best = Math.Min(best, clock.Elapsed.TotalNanoseconds / ((double)calls * points));
        }

        return best;
    }
}
