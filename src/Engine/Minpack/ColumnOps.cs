using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GpuLm.Minpack;

/// <summary>
/// The inner loops MINPACK runs down matrix columns, without bounds checks: an index computed
/// from a column offset defeats the JIT's range-check elimination, and these loops are where
/// a fit spends its time outside the model.
/// </summary>
/// <remarks>
/// <see cref="Dot"/> sums in index order, one addition at a time, exactly as the Fortran
/// loop does. The element-wise loops (<see cref="SubtractScaled"/>, <see cref="AddScaled"/>,
/// <see cref="Divide"/>, <see cref="DifferenceQuotient"/>, <see cref="WeightedDifference"/>) run several elements per instruction where the hardware allows: each element still gets the very same
/// multiply, then add, subtract or divide, each rounded once, so the results are unchanged
/// bit for bit (vector arithmetic is never fused into multiply-add here).
/// </remarks>
internal static class ColumnOps
{
    /// <summary>Σ a[i]·b[i] for i in [0, count), accumulated in index order from 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> a, int aStart, ReadOnlySpan<double> b, int bStart, int count)
    {
        Check(a, aStart, count);
        Check(b, bStart, count);
        ref double pa = ref Unsafe.Add(ref MemoryMarshal.GetReference(a), aStart);
        ref double pb = ref Unsafe.Add(ref MemoryMarshal.GetReference(b), bStart);
        double sum = 0.0;
        for (int i = 0; i < count; i++)
        {
            sum += Unsafe.Add(ref pa, i) * Unsafe.Add(ref pb, i);
        }

        return sum;
    }

    /// <summary>y[i] = y[i] − t·x[i] for i in [0, count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubtractScaled(Span<double> y, int yStart, double t, ReadOnlySpan<double> x, int xStart, int count)
    {
        Check(y, yStart, count);
        Check(x, xStart, count);
        ref double py = ref Unsafe.Add(ref MemoryMarshal.GetReference(y), yStart);
        ref double px = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), xStart);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> vt = Vector256.Create(t);
            for (; i <= count - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256<double> product = Vector256.Multiply(vt, Vector256.LoadUnsafe(ref px, (nuint)i));
                Vector256.Subtract(Vector256.LoadUnsafe(ref py, (nuint)i), product).StoreUnsafe(ref py, (nuint)i);
            }
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref py, i) -= t * Unsafe.Add(ref px, i);
        }
    }

    /// <summary>y[i] = y[i] + x[i]·t for i in [0, count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(Span<double> y, int yStart, ReadOnlySpan<double> x, int xStart, double t, int count)
    {
        Check(y, yStart, count);
        Check(x, xStart, count);
        ref double py = ref Unsafe.Add(ref MemoryMarshal.GetReference(y), yStart);
        ref double px = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), xStart);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> vt = Vector256.Create(t);
            for (; i <= count - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256<double> product = Vector256.Multiply(Vector256.LoadUnsafe(ref px, (nuint)i), vt);
                Vector256.Add(Vector256.LoadUnsafe(ref py, (nuint)i), product).StoreUnsafe(ref py, (nuint)i);
            }
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref py, i) += Unsafe.Add(ref px, i) * t;
        }
    }

    /// <summary>x[i] = x[i] / d for i in [0, count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Divide(Span<double> x, int start, double d, int count)
    {
        Check(x, start, count);
        ref double px = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), start);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> vd = Vector256.Create(d);
            for (; i <= count - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256.Divide(Vector256.LoadUnsafe(ref px, (nuint)i), vd).StoreUnsafe(ref px, (nuint)i);
            }
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref px, i) /= d;
        }
    }

    /// <summary>q[qStart + i] = (a[i] − b[i]) / h for i in [0, count): a forward-difference column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DifferenceQuotient(
        Span<double> q, int qStart, ReadOnlySpan<double> a, ReadOnlySpan<double> b, double h, int count)
    {
        Check(q, qStart, count);
        Check(a, 0, count);
        Check(b, 0, count);
        ref double pq = ref Unsafe.Add(ref MemoryMarshal.GetReference(q), qStart);
        ref double pa = ref MemoryMarshal.GetReference(a);
        ref double pb = ref MemoryMarshal.GetReference(b);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> vh = Vector256.Create(h);
            for (; i <= count - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256<double> difference = Vector256.Subtract(
                    Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i));
                Vector256.Divide(difference, vh).StoreUnsafe(ref pq, (nuint)i);
            }
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref pq, i) = (Unsafe.Add(ref pa, i) - Unsafe.Add(ref pb, i)) / h;
        }
    }

    /// <summary>r[i] = a[i] − b[i], or r[i] = w[i]·(a[i] − b[i]) with weights, for i in [0, count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WeightedDifference(
        Span<double> r, ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> w, bool weighted, int count)
    {
        Check(r, 0, count);
        Check(a, 0, count);
        Check(b, 0, count);
        if (weighted)
        {
            Check(w, 0, count);
        }

        ref double pr = ref MemoryMarshal.GetReference(r);
        ref double pa = ref MemoryMarshal.GetReference(a);
        ref double pb = ref MemoryMarshal.GetReference(b);
        ref double pw = ref MemoryMarshal.GetReference(w);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= count - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256<double> difference = Vector256.Subtract(
                    Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i));
                if (weighted)
                {
                    difference = Vector256.Multiply(Vector256.LoadUnsafe(ref pw, (nuint)i), difference);
                }

                difference.StoreUnsafe(ref pr, (nuint)i);
            }
        }

        for (; i < count; i++)
        {
            double difference = Unsafe.Add(ref pa, i) - Unsafe.Add(ref pb, i);
            Unsafe.Add(ref pr, i) = weighted ? Unsafe.Add(ref pw, i) * difference : difference;
        }
    }

    /// <summary>Exchanges x[first + i] and x[second + i] for i in [0, count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Swap(Span<double> x, int first, int second, int count)
    {
        Check(x, first, count);
        Check(x, second, count);
        ref double pa = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), first);
        ref double pb = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), second);
        for (int i = 0; i < count; i++)
        {
            (Unsafe.Add(ref pa, i), Unsafe.Add(ref pb, i)) = (Unsafe.Add(ref pb, i), Unsafe.Add(ref pa, i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Check(ReadOnlySpan<double> span, int start, int count)
    {
        if ((uint)start > (uint)span.Length || (uint)count > (uint)(span.Length - start))
        {
            ThrowRange();
        }
    }

    private static void ThrowRange() =>
        throw new ArgumentOutOfRangeException("start", "A column range runs past the end of its array.");
}
