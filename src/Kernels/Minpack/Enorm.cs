using System.Runtime.CompilerServices;
using ILGPU;

namespace GpuLm.Kernels.Minpack;

/// <summary>MINPACK enorm, and the team's reductions built on it (<c>Engine/Minpack/Enorm.cs</c>).</summary>
internal static partial class Lm<TReal, TMachine, TModel, TLayout, TJacobian>
{
    /// <summary>Components at or below this magnitude are summed scaled (<c>rdwarf</c>).</summary>
    private static TReal Rdwarf => TMachine.Of(3.834e-20);

    /// <summary>Components at or above <c>rgiant/n</c> are summed scaled (<c>rgiant</c>).</summary>
    private static TReal Rgiant => TMachine.Of(1.304e19);

    /// <summary>
    /// The Euclidean norm of the first <paramref name="count"/> values of <paramref name="x"/>,
    /// free of destructive underflow and overflow: the sum of squares is kept in three parts,
    /// for small, intermediate and large components, the large and small parts scaled by their
    /// largest magnitude, every sum in index order as the CPU port's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReal Enorm(ArrayView<TReal> x, int count)
    {
        TReal s1 = Zero;
        TReal s2 = Zero;
        TReal s3 = Zero;
        TReal x1max = Zero;
        TReal x3max = Zero;
        TReal agiant = Rgiant / TMachine.Of(count);
        for (int i = 0; i < count; i++)
        {
            TReal xabs = TReal.Abs(x[i]);
            if (Gt(xabs, Rdwarf) && Lt(xabs, agiant))
            {
                // sum for intermediate components.
                s2 += xabs * xabs;
            }
            else if (Le(xabs, Rdwarf))
            {
                // sum for small components.
                if (Gt(xabs, x3max))
                {
                    TReal r = x3max / xabs;
                    s3 = One + s3 * (r * r);
                    x3max = xabs;
                }
                else if (xabs != Zero)
                {
                    TReal r = xabs / x3max;
                    s3 += r * r;
                }
            }
            else
            {
                // sum for large components.
                if (Gt(xabs, x1max))
                {
                    TReal r = x1max / xabs;
                    s1 = One + s1 * (r * r);
                    x1max = xabs;
                }
                else
                {
                    TReal r = xabs / x1max;
                    s1 += r * r;
                }
            }
        }

        // calculation of norm.
        if (s1 != Zero)
        {
            return x1max * TReal.Sqrt(s1 + (s2 / x1max) / x1max);
        }

        if (s2 != Zero)
        {
            return Ge(s2, x3max)
                ? TReal.Sqrt(s2 * (One + (x3max / s2) * (x3max * s3)))
                : TReal.Sqrt(x3max * ((s2 / x3max) + (x3max * s3)));
        }

        return x3max * TReal.Sqrt(s3);
    }

    // The team's reductions. The m-vectors they read were written by the whole team (each
    // thread its stride), so a barrier comes first; every thread then sums the whole vector in
    // index order, exactly as the CPU port does, and gets the same bits; and a barrier comes
    // after, so that no thread writes the vector while another still reads it. A tree over the
    // team would sum in another order and change the last bits, which an LM iteration turns
    // into another stopping test now and then.

    /// <summary>enorm of <paramref name="count"/> values written by the team, in every thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReal TeamEnorm(ArrayView<TReal> x, int count)
    {
        Barrier();
        TReal norm = Enorm(x, count);
        Barrier();
        return norm;
    }

    /// <summary><see cref="TeamEnorm"/> where <paramref name="condition"/> (the team's alike) holds;
    /// where it does not, the team passes the same barriers and gets <paramref name="otherwise"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReal TeamEnormIf(bool condition, ArrayView<TReal> x, int count, TReal otherwise)
    {
        Barrier();
        TReal norm = condition ? Enorm(x, count) : otherwise;
        Barrier();
        return norm;
    }

    /// <summary>The sum of a[i]·b[i] for i in [0, count), in index order, in every thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReal TeamDot(ArrayView<TReal> a, ArrayView<TReal> b, int count)
    {
        Barrier();
        TReal sum = Zero;
        for (int i = 0; i < count; i++)
        {
            sum += a[i] * b[i];
        }

        Barrier();
        return sum;
    }

    /// <summary>Whether any of <paramref name="count"/> values written by the team is NaN or infinite, in every thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TeamAnyNonFinite(ArrayView<TReal> x, int count)
    {
        Barrier();
        bool found = false;
        for (int i = 0; i < count && !found; i++)
        {
            found = !TReal.IsFinite(x[i]);
        }

        Barrier();
        return found;
    }
}
