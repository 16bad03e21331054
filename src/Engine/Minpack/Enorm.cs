using static GpuLm.Minpack.MinpackConstants;

namespace GpuLm.Minpack;

/// <summary>
/// MINPACK <c>enorm</c>: the Euclidean norm of a vector, free of destructive underflow and
/// overflow.
/// </summary>
/// <remarks>
/// The sum of squares is accumulated in three parts, for small, intermediate and large
/// components, with the large and small parts scaled by their largest magnitude. Every
/// accelerator's <c>enorm</c> must reproduce this routine's value bit for bit where its
/// summation order allows.
/// </remarks>
internal static class Enorm
{
    /// <summary>Components at or below this magnitude are summed scaled (<c>rdwarf</c>).</summary>
    public const double Rdwarf = 3.834e-20;

    /// <summary>Components at or above <c>rgiant/n</c> are summed scaled (<c>rgiant</c>).</summary>
    public const double Rgiant = 1.304e19;

    /// <summary>Returns the Euclidean norm of <paramref name="x"/>.</summary>
    /// <param name="x">The vector; its length is MINPACK's <c>n</c>.</param>
    public static double Compute(ReadOnlySpan<double> x)
    {
        double s1 = Zero;
        double s2 = Zero;
        double s3 = Zero;
        double x1max = Zero;
        double x3max = Zero;
        double floatn = x.Length;
        double agiant = Rgiant / floatn;
        for (int i = 0; i < x.Length; i++)
        {
            double xabs = Math.Abs(x[i]);
            if (xabs > Rdwarf && xabs < agiant)
            {
                // sum for intermediate components.
                s2 += xabs * xabs;
            }
            else if (xabs <= Rdwarf)
            {
                // sum for small components.
                if (xabs > x3max)
                {
                    double r = x3max / xabs;
                    s3 = One + s3 * (r * r);
                    x3max = xabs;
                }
                else if (xabs != Zero)
                {
                    double r = xabs / x3max;
                    s3 += r * r;
                }
            }
            else
            {
                // sum for large components.
                if (xabs > x1max)
                {
                    double r = x1max / xabs;
                    s1 = One + s1 * (r * r);
                    x1max = xabs;
                }
                else
                {
                    double r = xabs / x1max;
                    s1 += r * r;
                }
            }
        }

        // calculation of norm.
        if (s1 != Zero)
        {
            return x1max * Math.Sqrt(s1 + (s2 / x1max) / x1max);
        }

        if (s2 != Zero)
        {
            return s2 >= x3max
                ? Math.Sqrt(s2 * (One + (x3max / s2) * (x3max * s3)))
                : Math.Sqrt(x3max * ((s2 / x3max) + (x3max * s3)));
        }

        return x3max * Math.Sqrt(s3);
    }
}
