using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GpuLm.Minpack;

/// <summary>
/// The inner loops MINPACK runs down matrix columns, without bounds checks: an index computed
/// from a column offset defeats the JIT's range-check elimination, and these loops are where
/// a fit spends its time outside the model.
/// </summary>
/// <remarks>Each sums or updates in index order, one operation at a time, exactly as the
/// Fortran loop does; callers pass ranges they have already checked.</remarks>
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
        for (int i = 0; i < count; i++)
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
        for (int i = 0; i < count; i++)
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
        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref px, i) /= d;
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
