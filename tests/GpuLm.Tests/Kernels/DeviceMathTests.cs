using System.Reflection;
using GpuLm.Kernels;
using GpuLm.Tests.OpenCL;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Xunit;
using Xunit.Abstractions;
using IlgpuAccelerator = ILGPU.Runtime.Accelerator;

namespace GpuLm.Tests.Kernels;

/// <summary>
/// The device math (<see cref="DeviceMath"/>) in ILGPU kernels against the host's
/// <see cref="Math.Exp"/>, <see cref="Math.Pow"/>, <see cref="Math.Atan"/> and
/// <see cref="Math.FusedMultiplyAdd(double, double, double)"/>, bit for bit, on ILGPU's CPU
/// accelerator and on ILGPU's OpenCL accelerator (PoCL in CI); and the code ILGPU writes for
/// <see cref="DeviceMath.Fma"/>: OpenCL C's <c>fma</c> and PTX's <c>fma.rn.f64</c>, inline.
/// </summary>
/// <remarks>
/// <para>Each kernel applies one function to an array of arguments, one work-item each. The
/// arguments cover every branch of glibc's algorithms and the ulps around their thresholds:
/// for exp the finite range, |x| below 2^-54, the scaled paths beyond ±512, subnormal results,
/// overflow and ties in k = round(x·128/ln2); for pow C99's special cases (zeros, infinities,
/// NaNs, negative bases with integer and non-integer exponents), the NIST models' range, bases
/// within ulps of 1 with large exponents, results that overflow, underflow or are subnormal,
/// subnormal bases and |y| beyond 2^63 or below 2^-65; for atan each of its five intervals, the
/// points where its table's row changes and ±π/2 beyond; for all of them special values and
/// random bit patterns, NaNs included; for fma the product's rounding error (c = -round(a b)),
/// c within ulps of -a b, subnormal and overflowing results. Results are compared as bits, so
/// signed zeros and NaN payloads count, except an fma of several NaNs, whose payload IEEE 754
/// leaves to the implementation.</para>
/// <para>On a host whose Math.Exp, Math.Pow and Math.Atan are another libm's (see
/// <see cref="HostExp"/>) those three tests only say so; the fused multiply-add is exact
/// everywhere and is always compared.</para>
/// </remarks>
public sealed class DeviceMathTests(ITestOutputHelper output)
{
    /// <summary>Work-items per group, at most.</summary>
    private const int GroupSize = 64;

    /// <summary>How many differences a failure lists.</summary>
    private const int Listed = 20;

    /// <summary>Below this |x| glibc's atan returns x (0x1.bb67ap-27).</summary>
    private const double AtanTinyBound = 1.2904777690891933e-08;

    /// <summary>From this |x| on glibc's atan returns ±π/2 (0x1.49ff2p+52).</summary>
    private const double AtanHugeBound = 5805361265115136.0;

    /// <summary>exp is finite below this (exp(709.782712893384) is the largest double).</summary>
    private const double ExpLargest = 709.782712893384;

    [OpenCLTheory]
    [MemberData(nameof(KernelDevices.Names), MemberType = typeof(KernelDevices))]
    public void Exp_OnDevice_IsMathExpBitForBit(string device)
    {
        if (!HostIsGlibcFma("Math.Exp"))
        {
            return;
        }

        double[] x = ExpArguments();
        double[] actual = KernelDevices.Use(device, accelerator => Run(accelerator, ExpKernel, x));
        AssertBitForBit(device, "exp", x.Length, i => Math.Exp(x[i]), actual, i => $"x = {Describe(x[i])}");
    }

    [OpenCLTheory]
    [MemberData(nameof(KernelDevices.Names), MemberType = typeof(KernelDevices))]
    public void Pow_OnDevice_IsMathPowBitForBit(string device)
    {
        if (!HostIsGlibcFma("Math.Pow"))
        {
            return;
        }

        (double[] x, double[] y) = PowArguments();
        double[] actual = KernelDevices.Use(device, accelerator => Run(accelerator, PowKernel, x, y));
        AssertBitForBit(
            device, "pow", x.Length, i => Math.Pow(x[i], y[i]), actual, i => $"x = {Describe(x[i])}, y = {Describe(y[i])}",
            i => double.IsNaN(x[i]) && double.IsNaN(y[i]));
    }

    [OpenCLTheory]
    [MemberData(nameof(KernelDevices.Names), MemberType = typeof(KernelDevices))]
    public void Atan_OnDevice_IsMathAtanBitForBit(string device)
    {
        if (!HostIsGlibcFma("Math.Atan"))
        {
            return;
        }

        double[] x = AtanArguments();
        double[] actual = KernelDevices.Use(device, accelerator => Run(accelerator, AtanKernel, x));
        AssertBitForBit(device, "atan", x.Length, i => Math.Atan(x[i]), actual, i => $"x = {Describe(x[i])}");
    }

    [OpenCLTheory]
    [MemberData(nameof(KernelDevices.Names), MemberType = typeof(KernelDevices))]
    public void Fma_OnDevice_IsMathFusedMultiplyAddBitForBit(string device)
    {
        (double[] a, double[] b, double[] c) = FmaArguments();
        double[] actual = KernelDevices.Use(device, accelerator => Run(accelerator, FmaKernel, a, b, c));
        AssertBitForBit(
            device, "fma", a.Length, i => Math.FusedMultiplyAdd(a[i], b[i], c[i]), actual,
            i => $"a = {Describe(a[i])}, b = {Describe(b[i])}, c = {Describe(c[i])}",
            i => (double.IsNaN(a[i]) ? 1 : 0) + (double.IsNaN(b[i]) ? 1 : 0) + (double.IsNaN(c[i]) ? 1 : 0) > 1);
    }

    [OpenCLTheory]
    [InlineData(nameof(FmaKernel))]
    [InlineData(nameof(ExpKernel))]
    [InlineData(nameof(PowKernel))]
    [InlineData(nameof(AtanKernel))]
    public void Kernel_OnOpenCL_CompilesWithInlineOpenCLFma(string kernel)
    {
        string source = KernelDevices.Use(KernelDevices.OpenCL, accelerator =>
        {
            var backend = (Backend)typeof(IlgpuAccelerator)
                .GetProperty("Backend", BindingFlags.Instance | BindingFlags.NonPublic)!
                .GetValue(accelerator)!;
            var compiled = (CLCompiledKernel)backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(Method(kernel)), default);
            return compiled.Source;
        });
        output.WriteLine(source);

        // ILGPU writes a call as "name (arguments)"; a call of DeviceMath.Fma itself would be "Fma_<id> (".
        Assert.Matches(@"=\s*fma\s*\(", source);
        Assert.DoesNotContain("Fma_", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(FmaKernel))]
    [InlineData(nameof(ExpKernel))]
    [InlineData(nameof(PowKernel))]
    [InlineData(nameof(AtanKernel))]
    public void Kernel_OnPtx_CompilesWithInlineFmaRnF64(string kernel)
    {
        string ptx = KernelDevices.Use(KernelDevices.Cpu, accelerator =>
        {
            using var backend = new PTXBackend(
                accelerator.Context, new CudaCapabilityContext(CudaArchitecture.SM_60), CudaArchitecture.SM_60, CudaInstructionSet.ISA_60, null);
            var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(Method(kernel)), default);
            return compiled.PTXAssembly;
        });
        output.WriteLine(ptx);

        // ILGPU also writes an unused body for the intrinsic method (Fma_<id>, returning 0): no
        // call may reach it, nor any other function; and no approximate instruction may appear.
        Assert.Contains("fma.rn.f64", ptx, StringComparison.Ordinal);
        Assert.DoesNotContain("call", ptx, StringComparison.Ordinal);
        Assert.DoesNotContain(".approx", ptx, StringComparison.Ordinal);
    }

    private static void ExpKernel(ArrayView<double> x, ArrayView<double> result, MathTables tables)
    {
        int i = Grid.GlobalIndex.X;
        if (i < x.IntLength)
        {
            result[i] = DeviceMath.Exp(x[i], tables);
        }
    }

    private static void PowKernel(ArrayView<double> x, ArrayView<double> y, ArrayView<double> result, MathTables tables)
    {
        int i = Grid.GlobalIndex.X;
        if (i < x.IntLength)
        {
            result[i] = DeviceMath.Pow(x[i], y[i], tables);
        }
    }

    private static void AtanKernel(ArrayView<double> x, ArrayView<double> result, MathTables tables)
    {
        int i = Grid.GlobalIndex.X;
        if (i < x.IntLength)
        {
            result[i] = DeviceMath.Atan(x[i], tables);
        }
    }

    private static void FmaKernel(ArrayView<double> a, ArrayView<double> b, ArrayView<double> c, ArrayView<double> result)
    {
        int i = Grid.GlobalIndex.X;
        if (i < a.IntLength)
        {
            result[i] = DeviceMath.Fma(a[i], b[i], c[i]);
        }
    }

    private static MethodInfo Method(string name) =>
        typeof(DeviceMathTests).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    private static KernelConfig Config(IlgpuAccelerator accelerator, int count)
    {
        int group = Math.Min(GroupSize, accelerator.MaxNumThreadsPerGroup);
        return new KernelConfig((count + group - 1) / group, group);
    }

    private static double[] Run(IlgpuAccelerator accelerator, Action<ArrayView<double>, ArrayView<double>, MathTables> kernel, double[] x)
    {
        var launch = accelerator.LoadStreamKernel(kernel);
        using MathTablesBuffer tables = MathTablesBuffer.Allocate(accelerator);
        using MemoryBuffer1D<double, Stride1D.Dense> xBuffer = accelerator.Allocate1D(x);
        using MemoryBuffer1D<double, Stride1D.Dense> result = accelerator.Allocate1D<double>(x.Length);
        launch(Config(accelerator, x.Length), xBuffer.View, result.View, tables.Tables);
        accelerator.Synchronize();
        return result.GetAsArray1D();
    }

    private static double[] Run(IlgpuAccelerator accelerator, Action<ArrayView<double>, ArrayView<double>, ArrayView<double>, MathTables> kernel, double[] x, double[] y)
    {
        var launch = accelerator.LoadStreamKernel(kernel);
        using MathTablesBuffer tables = MathTablesBuffer.Allocate(accelerator);
        using MemoryBuffer1D<double, Stride1D.Dense> xBuffer = accelerator.Allocate1D(x);
        using MemoryBuffer1D<double, Stride1D.Dense> yBuffer = accelerator.Allocate1D(y);
        using MemoryBuffer1D<double, Stride1D.Dense> result = accelerator.Allocate1D<double>(x.Length);
        launch(Config(accelerator, x.Length), xBuffer.View, yBuffer.View, result.View, tables.Tables);
        accelerator.Synchronize();
        return result.GetAsArray1D();
    }

    private static double[] Run(
        IlgpuAccelerator accelerator, Action<ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>> kernel, double[] a, double[] b, double[] c)
    {
        var launch = accelerator.LoadStreamKernel(kernel);
        using MemoryBuffer1D<double, Stride1D.Dense> aBuffer = accelerator.Allocate1D(a);
        using MemoryBuffer1D<double, Stride1D.Dense> bBuffer = accelerator.Allocate1D(b);
        using MemoryBuffer1D<double, Stride1D.Dense> cBuffer = accelerator.Allocate1D(c);
        using MemoryBuffer1D<double, Stride1D.Dense> result = accelerator.Allocate1D<double>(a.Length);
        launch(Config(accelerator, a.Length), aBuffer.View, bBuffer.View, cBuffer.View, result.View);
        accelerator.Synchronize();
        return result.GetAsArray1D();
    }

    private bool HostIsGlibcFma(string function)
    {
        if (HostExp.IsGlibcFma)
        {
            return true;
        }

        output.WriteLine($"{function} here is not glibc's FMA build (x86-64 Linux with FMA and AVX2): nothing to compare bit for bit.");
        return false;
    }

    /// <summary>Asserts that every result has the host's bits.</summary>
    /// <param name="device">The device's name.</param>
    /// <param name="function">The function's name.</param>
    /// <param name="count">The results.</param>
    /// <param name="expected">The host's result i.</param>
    /// <param name="actual">The device's results.</param>
    /// <param name="arguments">Argument i, described.</param>
    /// <param name="anyNaN">Where a NaN result may be any NaN: IEEE 754 leaves the payload of an
    /// operation on several NaNs to the implementation (x86's FMA and add return their first
    /// source's, and the .NET JIT, from one tier to the next, and PoCL order the operands
    /// differently; pow of two NaNs came out with either payload on ILGPU's CPU accelerator).</param>
    private void AssertBitForBit(
        string device, string function, int count, Func<int, double> expected, double[] actual, Func<int, string> arguments, Func<int, bool>? anyNaN = null)
    {
        var differences = new List<string>();
        int differing = 0;
        int payloadFree = 0;
        for (int i = 0; i < count; i++)
        {
            bool nanOnly = anyNaN is not null && anyNaN(i) && double.IsNaN(expected(i));
            payloadFree += nanOnly ? 1 : 0;
            bool same = nanOnly
                ? double.IsNaN(actual[i])
                : BitConverter.DoubleToInt64Bits(expected(i)) == BitConverter.DoubleToInt64Bits(actual[i]);
            if (!same)
            {
                differing++;
                if (differences.Count < Listed)
                {
                    differences.Add($"{arguments(i)}: host {Describe(expected(i))}, device {Describe(actual[i])}");
                }
            }
        }

        output.WriteLine(
            $"{function} on {device}: {differing} of {count} results differ from the host's bits"
            + (payloadFree > 0 ? $" ({payloadFree} NaNs of several NaN operands compared as NaNs, not bits)" : string.Empty));
        Assert.True(differing == 0, $"{function} on {device}: {differing} of {count} results differ from the host's bits, the first:\n{string.Join('\n', differences)}");
    }

    private static string Describe(double v) => $"{v:R} ({BitConverter.DoubleToInt64Bits(v):x16})";

    /// <summary>The ulps around <paramref name="center"/>, <paramref name="radius"/> either way.</summary>
    private static IEnumerable<double> Ulps(double center, int radius)
    {
        long bits = BitConverter.DoubleToInt64Bits(center);
        for (long d = -radius; d <= radius; d++)
        {
            yield return BitConverter.Int64BitsToDouble(bits + d);
        }
    }

    /// <summary>Zeros, infinities, NaNs (quiet and signaling, both signs, with payloads), the extremes of the doubles.</summary>
    private static double[] SpecialValues() =>
    [
        0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, -double.NaN,
        BitConverter.Int64BitsToDouble(0x7ff0000000000001), BitConverter.Int64BitsToDouble(0x7ff8dead00000001),
        BitConverter.Int64BitsToDouble(unchecked((long)0xfff4000000000123)), double.MaxValue, -double.MaxValue,
        double.Epsilon, -double.Epsilon, 2.2250738585072014e-308, -2.2250738585072014e-308, 1.0, -1.0,
    ];

    private static double Uniform(Random rng, double lo, double hi) => lo + ((hi - lo) * rng.NextDouble());

    private static double Sign(Random rng, double v) => rng.Next(2) == 0 ? -v : v;

    /// <summary>About 40,000 arguments of exp.</summary>
    private static double[] ExpArguments()
    {
        var rng = new Random(20240607);
        var x = new List<double>(SpecialValues());

        // The ulps around each threshold: 2^-54, 512, the largest finite and the smallest
        // subnormal results, where results become subnormal, 1024, and 1.
        double[] thresholds =
        [
            Math.ScaleB(1.0, -54), -Math.ScaleB(1.0, -54), 512.0, -512.0, ExpLargest, -708.3964185322641,
            -745.1332191019411, 1024.0, -1024.0, 1.0, -1.0,
        ];
        foreach (double c in thresholds)
        {
            x.AddRange(Ulps(c, 300));
        }

        // Ties and near-ties in k: odd multiples of ln2/256, a few ulps either way.
        for (int i = 0; i < 4000; i++)
        {
            double k = Math.Floor(-95000 + (190000 * rng.NextDouble()));
            long bits = BitConverter.DoubleToInt64Bits((k + 0.5) * 0.005415212348111709);
            x.Add(BitConverter.Int64BitsToDouble(bits + rng.Next(-4, 5)));
        }

        // Random bit patterns, NaNs and infinities included.
        for (int i = 0; i < 6000; i++)
        {
            x.Add(BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue)));
        }

        // Dense near 0: log-uniform magnitudes 2^-60..1.
        for (int i = 0; i < 4000; i++)
        {
            x.Add(Sign(rng, Math.Pow(2.0, -60.0 * rng.NextDouble())));
        }

        // Subnormal results, the scaled path below -512 and above 512, overflow.
        for (int i = 0; i < 3000; i++)
        {
            x.Add(Uniform(rng, -745.2, -708.2));
            x.Add(Uniform(rng, -745.2, -512.0));
            x.Add(Uniform(rng, 512.0, 712.0));
        }

        // The rest uniform over the finite range.
        while (x.Count < 40_000)
        {
            x.Add(Uniform(rng, -746.0, 710.0));
        }

        return [.. x];
    }

    /// <summary>About 40,000 pairs (x, y) of pow.</summary>
    private static (double[] X, double[] Y) PowArguments()
    {
        var rng = new Random(20240611);
        var x = new List<double>();
        var y = new List<double>();
        void Add(double u, double v)
        {
            x.Add(u);
            y.Add(v);
        }

        double LogUniform(double lo, double hi) => Math.Pow(2.0, Uniform(rng, lo, hi));

        // Special values against each other: C99's special cases.
        double[] special =
        [
            .. SpecialValues(), 0.5, -0.5, 2.0, -2.0, 3.0, -3.0, 1.5, -1.5, 10.0, 0.1, 1.0000000000000002, 0.9999999999999999,
            Math.ScaleB(1.0, 63), -Math.ScaleB(1.0, 63), Math.ScaleB(1.0, -66), 9007199254740993.0, 9007199254740992.0, 4503599627370497.0,
        ];
        foreach (double s in special)
        {
            foreach (double t in special)
            {
                Add(s, t);
            }
        }

        for (int i = 0; i < 8000; i++)
        {
            Add(Uniform(rng, 0.0, 1e4), Uniform(rng, -3.0, 3.0)); // the NIST models' range
        }

        for (int i = 0; i < 4000; i++)
        {
            Add(LogUniform(-30.0, 13.3), Uniform(rng, -3.0, 3.0));
        }

        for (int i = 0; i < 3000; i++)
        {
            Add(Uniform(rng, 0.0, 1e4), (rng.Next(11) * 0.5) - 2.5); // half-integer exponents
        }

        for (int i = 0; i < 3000; i++)
        {
            Add(1.0 + Uniform(rng, -1e-3, 1e-3), Uniform(rng, -1000.0, 1000.0)); // x near 1
        }

        long one = BitConverter.DoubleToInt64Bits(1.0);
        for (int i = 0; i < 2000; i++)
        {
            Add(BitConverter.Int64BitsToDouble(one + rng.Next(-1000, 1001)), Uniform(rng, -1e12, 1e12)); // within ulps of 1
        }

        for (int i = 0; i < 3000; i++)
        {
            Add(-Uniform(rng, 0.0, 100.0), rng.Next(-40, 41)); // negative x, integer y: signed results
        }

        for (int i = 0; i < 1000; i++)
        {
            Add(-Uniform(rng, 0.0, 100.0), Uniform(rng, -40.0, 40.0)); // negative x, non-integer y: NaN
        }

        for (int i = 0; i < 5000; i++)
        {
            double u = LogUniform(-20.0, 20.0);
            Add(Sign(rng, u), Math.Round(Uniform(rng, -760.0, 720.0) / Math.Log(u))); // large, tiny, subnormal and overflowing results, both signs
            Add(u, Uniform(rng, -760.0, 720.0) / Math.Log(u));
        }

        for (int i = 0; i < 2000; i++)
        {
            double u = LogUniform(-20.0, 20.0);
            Add(u, Uniform(rng, -746.0, -706.0) / Math.Log(u)); // subnormal results
        }

        for (int i = 0; i < 1000; i++)
        {
            Add(BitConverter.Int64BitsToDouble(rng.NextInt64(1, 0x0010000000000000)), Uniform(rng, -0.14, 1.05)); // subnormal x
        }

        for (int i = 0; i < 500; i++)
        {
            Add(LogUniform(-4.0, 4.0), Sign(rng, LogUniform(-90.0, -65.0))); // |y| below 2^-65
            Add(LogUniform(-4.0, 4.0), Sign(rng, LogUniform(63.0, 70.0))); // |y| from 2^63 on
        }

        while (x.Count < 40_000)
        {
            Add(BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue)), BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue))); // random bits
        }

        return ([.. x], [.. y]);
    }

    /// <summary>About 40,000 arguments of atan.</summary>
    private static double[] AtanArguments()
    {
        var rng = new Random(20240619);
        var x = new List<double>(SpecialValues());

        // The ulps around each threshold, both signs.
        foreach (double c in new[] { AtanTinyBound, 0.0625, 1.0, 16.0, AtanHugeBound })
        {
            foreach (double v in Ulps(c, 300))
            {
                x.Add(v);
                x.Add(-v);
            }
        }

        // Where the table row changes (256 v at k + 1/2, v = |x| or 1/|x|) and around its nodes.
        for (int k = 16; k <= 256; k++)
        {
            foreach (double c in new[] { (k + 0.5) / 256.0, 256.0 / (k + 0.5), k / 256.0, 256.0 / k })
            {
                foreach (double v in Ulps(c, 4))
                {
                    x.Add(Sign(rng, v));
                }
            }
        }

        // Each interval, uniform.
        for (int i = 0; i < 2000; i++)
        {
            x.Add(Sign(rng, Uniform(rng, 0.0, AtanTinyBound)));
            x.Add(Sign(rng, Uniform(rng, AtanTinyBound, 0.0625)));
            x.Add(Sign(rng, Uniform(rng, 0.0625, 1.0)));
            x.Add(Sign(rng, Uniform(rng, 1.0, 16.0)));
            x.Add(Sign(rng, Uniform(rng, 16.0, 1e6)));
            x.Add(Sign(rng, Uniform(rng, AtanHugeBound, 1e300)));
        }

        // Subnormals.
        for (int i = 0; i < 1000; i++)
        {
            x.Add(Sign(rng, BitConverter.Int64BitsToDouble(rng.NextInt64(1, 0x0010000000000000))));
        }

        // Random bit patterns, NaNs and infinities included.
        for (int i = 0; i < 4000; i++)
        {
            x.Add(BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue)));
        }

        // The rest log-uniform over 2^-60..2^60, both signs.
        while (x.Count < 40_000)
        {
            x.Add(Sign(rng, Math.Pow(2.0, Uniform(rng, -60.0, 60.0))));
        }

        return [.. x];
    }

    /// <summary>About 20,000 triples (a, b, c) of fma.</summary>
    private static (double[] A, double[] B, double[] C) FmaArguments()
    {
        var rng = new Random(20240701);
        var a = new List<double>();
        var b = new List<double>();
        var c = new List<double>();
        void Add(double u, double v, double w)
        {
            a.Add(u);
            b.Add(v);
            c.Add(w);
        }

        double Scaled(int lo, int hi) => Sign(rng, Math.ScaleB(1.0 + rng.NextDouble(), rng.Next(lo, hi)));

        // Special values in every position.
        double[] special = [.. SpecialValues(), 2.0, 0.5, 3.0];
        foreach (double s in special)
        {
            foreach (double t in special)
            {
                Add(s, t, 1.0);
                Add(1.0, s, t);
                Add(s, 1.0, t);
            }
        }

        // a b - round(a b): the product's rounding error, which only a fused operation keeps;
        // and c near -a b a few ulps either way, where a second rounding shows most.
        for (int i = 0; i < 6000; i++)
        {
            double u = Scaled(-40, 40);
            double v = Scaled(-40, 40);
            double p = u * v;
            Add(u, v, -p);
            Add(u, v, -BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(p) + rng.Next(-3, 4)));
        }

        // Subnormal and overflowing results.
        for (int i = 0; i < 2000; i++)
        {
            Add(Scaled(-540, -500), Scaled(-540, -500), Scaled(-1074, -1022));
            Add(Scaled(500, 530), Scaled(490, 520), Scaled(1000, 1024));
        }

        // Random bit patterns, NaNs and infinities included.
        while (a.Count < 20_000)
        {
            Add(
                BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue)),
                BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue)),
                Scaled(-1074, 1024));
        }

        return ([.. a], [.. b], [.. c]);
    }
}
