using System.Numerics;
using System.Reflection;
using GpuLm.Kernels;
using GpuLm.Kernels.Models;
using GpuLm.Models;
using GpuLm.Tests.OpenCL;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Xunit;
using Xunit.Abstractions;

namespace GpuLm.Tests.Kernels;

/// <summary>
/// The emitted device models (<see cref="DeviceModelEmitter"/>) against the CPU evaluator
/// (<see cref="CompiledModel"/>): a kernel specialised on the model's type evaluates the value
/// and the Jacobian at m points for a batch of parameter sets, on ILGPU's CPU and OpenCL
/// accelerators.
/// </summary>
/// <remarks>
/// <para>In double the device's values and derivatives are the CPU's bit for bit (signed zeros,
/// infinities and NaNs included), with two exceptions where the libm is not the same code.
/// exp, pow and atan are the device math's, which reproduces glibc's FMA build: where
/// <see cref="Math.Exp"/> is another libm (see <see cref="HostExp"/>), models that call them
/// (erf and erfc call exp) agree within a tolerance. OpenCL's log, sin, cos, tan, atan2,
/// sinh, cosh and tanh are the device's own libm (PoCL's), which may differ from glibc's in
/// the last bit: models that call them agree within the tolerance on OpenCL, and the test says
/// how many outputs differed. ILGPU's CPU accelerator runs the IL under .NET, so there it calls
/// <see cref="Math"/> itself and every model is bit for bit. In single precision the values
/// are within a few float ulps of the double ones.</para>
/// <para>ILGPU's PTX backend compiles the double models that call none of those eight
/// functions, with every call inline; it implements them only through NVIDIA's libdevice.</para>
/// </remarks>
public sealed class DeviceModelTests(ITestOutputHelper output)
{
    private const int Rows = 3;
    private const int Points = 24;

    /// <summary>Agreement, relative to the output's largest magnitude over the batch, where the
    /// device's libm is not glibc's (a few ulps, with room for the model's own amplification of
    /// a last-bit difference).</summary>
    private const double LibmTolerance = 1e-13;

    /// <summary>Expressions that use every function, operator and form of power, conditionals,
    /// constants, and one to three variables; the variables of each are drawn from [Low, High].</summary>
    private static readonly ExpressionCase[] Expressions =
    [
        new("arithmetic", "a*x + b - c/x", null, null, 0.25, 3.0),
        new("negation and small powers", "-a*x^2 + b*x^3 - c*x^4 + d^1*x - -x", null, null, -2.0, 2.0),
        new("shared subexpressions", "a*(x - b)^2 + (x - b)^3/c", null, null, -2.0, 2.0),
        new("non-integer powers", "a*x^2.5 + x^b - x^(-2) + pow(x, 0.5)*c", null, null, 0.25, 3.0),
        new("power of a parameter", "pow(a, 2)*x + a^b*x^5", null, null, 0.25, 2.0),
        new("exp", "a*exp(-b*x) + c", null, null, -2.0, 4.0),
        new("log and sqrt", "a*log(b*x) + sqrt(c*x)", null, null, 0.25, 3.0),
        new("sin cos tan", "a*sin(b*x) + c*cos(x) + tan(c*x)", null, null, -1.0, 1.0),
        new("atan", "a*atan(b*x) + c", null, null, -3.0, 3.0),
        new("atan2", "atan2(a*y, b*x)", ["a", "b"], ["x", "y"], -2.0, 2.0),
        new("hyperbolic", "a*sinh(b*x) + cosh(c*x) + tanh(d*x)", null, null, -2.0, 2.0),
        new("abs and sign", "a*abs(x - b) + abs(c - 1)*x", null, null, -2.0, 2.0),
        new("erf erfc", "a*erf(b*x) + c*erfc(x)", null, null, -3.0, 3.0),
        new("min max", "min(a*x, b) + max(c, x*x) - min(x, 1)*max(x, a)", null, null, -2.0, 2.0),
        new(
            "signed zeros, infinities and NaN", "a*min(x, -x) + b*max(-x, x) + abs(c - x) + min(d, x)", null, null, -2.0, 2.0,
            Extra: [-0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.0]),
        new("pi and e", "a*pi + e*b*x + x/pi", null, null, -2.0, 2.0),
        new("three variables", "a*x + b*y*z + c*z^2", null, ["x", "y", "z"], -2.0, 2.0),
        new("bound constants", "a*x + k*b - k^2", ["a", "b"], null, -2.0, 2.0, new Dictionary<string, double> { ["k"] = 2.5 }),
        new("Jacobian reads no variable", "a + b*b + x", null, null, -2.0, 2.0),
        new("Jacobian reads nothing", "a + x", null, null, -2.0, 2.0),
        new("constant chains", "a*x*3*5 + (b*x + 0.1 + 0.2) - (c*x - 0.1 - 0.3) + d*x/3/7", null, null, -2.0, 2.0),
        new("zero and one operands", "(0 - a*x) + (b*x + 0) + 1/(c*x) + 0*d", null, null, -2.0, 2.0, Extra: [-0.0]),
    ];

    public static TheoryData<string, string> CatalogueCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string device in new[] { KernelDevices.Cpu, KernelDevices.OpenCL })
        {
            foreach (CatalogModel model in ModelCatalog.All)
            {
                data.Add(device, model.Name);
            }
        }

        return data;
    }

    public static TheoryData<string, string> ExpressionCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string device in new[] { KernelDevices.Cpu, KernelDevices.OpenCL })
        {
            foreach (ExpressionCase c in Expressions)
            {
                data.Add(device, c.Name);
            }
        }

        return data;
    }

    [OpenCLTheory]
    [MemberData(nameof(CatalogueCases))]
    public void Catalogue_Double_IsCpuEvaluatorBitForBit(string device, string name)
    {
        Model model = ModelCatalog.Get(name).Model;
        AssertDoubleMatches(device, model, MakeInputs(model, 0.25, 3.0, [], 1));
    }

    [OpenCLTheory]
    [MemberData(nameof(ExpressionCases))]
    public void Expression_Double_IsCpuEvaluatorBitForBit(string device, string name)
    {
        ExpressionCase c = Expressions.Single(e => e.Name == name);
        Model model = c.Parse();
        AssertDoubleMatches(device, model, c.Inputs(model));
    }

    [OpenCLTheory]
    [MemberData(nameof(CatalogueCases))]
    public void Catalogue_Single_IsWithinFloatUlpsOfCpu(string device, string name)
    {
        Model model = ModelCatalog.Get(name).Model;
        AssertSingleClose(device, model, MakeInputs(model, 0.25, 3.0, [], 1));
    }

    [OpenCLTheory]
    [MemberData(nameof(ExpressionCases))]
    public void Expression_Single_IsWithinFloatUlpsOfCpu(string device, string name)
    {
        ExpressionCase c = Expressions.Single(e => e.Name == name);
        Model model = c.Parse();
        AssertSingleClose(device, model, c.Inputs(model));
    }

    [Theory]
    [MemberData(nameof(PtxCases))]
    public void Expression_DoubleOnPtx_CompilesInline(string name)
    {
        Model model = Expressions.Single(e => e.Name == name).Parse();
        MethodInfo kernel = Kernel(typeof(double), DeviceModelEmitter.Emit(model, Precision.Double));

        string ptx = KernelDevices.Use(KernelDevices.Cpu, accelerator =>
        {
            using var backend = new PTXBackend(
                accelerator.Context, new CudaCapabilityContext(CudaArchitecture.SM_60), CudaArchitecture.SM_60, CudaInstructionSet.ISA_60, null);
            var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(kernel), default);
            return compiled.PTXAssembly;
        });

        Assert.Contains(".entry", ptx, StringComparison.Ordinal);
        Assert.DoesNotContain("call", ptx, StringComparison.Ordinal);
    }

    /// <summary>The expressions whose double model ILGPU's PTX backend compiles without
    /// libdevice: those that call none of log, sin, cos, tan, atan2, sinh, cosh, tanh, which
    /// ILGPU 1.5.3 implements on PTX only through NVIDIA's libdevice.</summary>
    public static TheoryData<string> PtxCases()
    {
        var data = new TheoryData<string>();
        foreach (ExpressionCase c in Expressions.Where(c => !CallsDeviceLibm(c.Parse())))
        {
            data.Add(c.Name);
        }

        return data;
    }

    [OpenCLTheory]
    [MemberData(nameof(KernelDevices.Names), MemberType = typeof(KernelDevices))]
    public void ErfErfc_OnDevice_AreSpecialFunctionsBitForBit(string device)
    {
        if (!HostExp.IsGlibcFma)
        {
            output.WriteLine("Math.Exp here is not glibc's FMA build, which the device exp reproduces: erf's tail cannot match bit for bit.");
            return;
        }

        double[] x = ErfArguments();
        (double[] erf, double[] erfc) = KernelDevices.Use(device, accelerator =>
        {
            var launch = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<double>, MathTables>(ErfKernel);
            using MemoryBuffer1D<double, Stride1D.Dense> xBuffer = accelerator.Allocate1D(x);
            using MemoryBuffer1D<double, Stride1D.Dense> erfBuffer = accelerator.Allocate1D<double>(x.Length);
            using MemoryBuffer1D<double, Stride1D.Dense> erfcBuffer = accelerator.Allocate1D<double>(x.Length);
            using MathTablesBuffer tables = MathTablesBuffer.Allocate(accelerator);
            launch(x.Length, xBuffer.View, erfBuffer.View, erfcBuffer.View, tables.Tables);
            accelerator.Synchronize();
            return (erfBuffer.GetAsArray1D(), erfcBuffer.GetAsArray1D());
        });

        var failures = new List<string>();
        for (int i = 0; i < x.Length; i++)
        {
            (double expectedErf, double expectedErfc) = (SpecialFunctions.Erf(x[i]), SpecialFunctions.Erfc(x[i]));
            if (BitConverter.DoubleToInt64Bits(erf[i]) != BitConverter.DoubleToInt64Bits(expectedErf))
            {
                failures.Add($"erf({x[i]:R}): expected {expectedErf:R}, the device gave {erf[i]:R}");
            }

            if (BitConverter.DoubleToInt64Bits(erfc[i]) != BitConverter.DoubleToInt64Bits(expectedErfc))
            {
                failures.Add($"erfc({x[i]:R}): expected {expectedErfc:R}, the device gave {erfc[i]:R}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {2 * x.Length} results differ:\n" + string.Join("\n", failures.Take(20)));
        output.WriteLine($"erf and erfc on {device}: {2 * x.Length} results, bit for bit");
    }

    [Fact]
    public void Emit_SameModelTwice_ReturnsSameType()
    {
        Type first = DeviceModelEmitter.Emit(Model.Parse("a*x + b"), Precision.Double);
        Type second = DeviceModelEmitter.Emit(Model.Parse("a*x+b"), Precision.Double);
        Type single = DeviceModelEmitter.Emit(Model.Parse("a*x + b"), Precision.Single);

        Assert.Same(first, second);
        Assert.NotSame(first, single);
        Assert.NotSame(first, DeviceModelEmitter.Emit(Model.Parse("a*x + b", ["b", "a"]), Precision.Double));
        Assert.NotSame(first, DeviceModelEmitter.Emit(
            Model.Parse("a*x + k", ["a"], constants: new Dictionary<string, double> { ["k"] = 2.0 }), Precision.Double));
    }

    [Fact]
    public void Emit_FromManyThreads_ReturnsOneType()
    {
        Type[] types = new Type[16];
        Parallel.For(0, types.Length, k => types[k] = DeviceModelEmitter.Emit(Model.Parse("a*sqrt(x) + b*x"), Precision.Single));

        Assert.All(types, t => Assert.Same(types[0], t));
    }

    [Fact]
    public void Emit_Double_ImplementsDeviceModelOfDouble()
    {
        Type type = DeviceModelEmitter.Emit(Model.Parse("a*x + b*y + c", variables: ["x", "y"]), Precision.Double);

        Assert.True(type.IsValueType);
        Assert.True(type.IsPublic);
        Assert.Contains(typeof(IDeviceModel<double>), type.GetInterfaces());
        Assert.Equal((3, 2), Counts<double>(type));
    }

    [Fact]
    public void Emit_Single_ImplementsDeviceModelOfFloat()
    {
        Type type = DeviceModelEmitter.Emit(Model.Parse("a*x + b*y + c", variables: ["x", "y"]), Precision.Single);

        Assert.Contains(typeof(IDeviceModel<float>), type.GetInterfaces());
        Assert.DoesNotContain(typeof(IDeviceModel<double>), type.GetInterfaces());
        Assert.Equal((3, 2), Counts<float>(type));
    }

    [Fact]
    public void Emit_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => DeviceModelEmitter.Emit(null!, Precision.Double));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeviceModelEmitter.Emit(Model.Parse("a*x"), (Precision)7));
    }

    private static (int N, int D) Counts<TReal>(Type model)
        where TReal : unmanaged, IFloatingPointIeee754<TReal>
    {
        MethodInfo counts = typeof(DeviceModelTests).GetMethod(nameof(CountsOf), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(typeof(TReal), model);
        return ((int, int))counts.Invoke(null, null)!;
    }

    private static (int N, int D) CountsOf<TReal, TModel>()
        where TReal : unmanaged, IFloatingPointIeee754<TReal>
        where TModel : struct, IDeviceModel<TReal> =>
        (TModel.ParameterCount, TModel.VariableCount);

    /// <summary>Evaluates <c>TModel</c> at point <c>index % m</c> with parameter set <c>index / m</c>:
    /// the value into <c>values[index]</c>, the n derivatives into <c>jacobian[index*n ...]</c>.</summary>
    private static void EvaluateKernel<TReal, TModel>(
        Index1D index, ArrayView<TReal> parameters, ArrayView<TReal> points, ArrayView<TReal> values,
        ArrayView<TReal> jacobian, int m, MathTables tables)
        where TReal : unmanaged, IFloatingPointIeee754<TReal>
        where TModel : struct, IDeviceModel<TReal>
    {
        int n = TModel.ParameterCount;
        int d = TModel.VariableCount;
        int row = index / m;
        int point = index - (row * m);
        ArrayView<TReal> p = parameters.SubView(row * n, n);
        ArrayView<TReal> v = points.SubView(point * d, d);
        values[index] = TModel.Value(p, v, tables);
        TModel.Jacobian(p, v, jacobian.SubView(index * n, n), tables);
    }

    private static void ErfKernel(Index1D i, ArrayView<double> x, ArrayView<double> erf, ArrayView<double> erfc, MathTables tables)
    {
        erf[i] = ModelMath.Erf(x[i], tables);
        erfc[i] = ModelMath.Erfc(x[i], tables);
    }

    /// <summary>Arguments for every branch of fdlibm's erf and erfc: the ulps around each
    /// threshold (2^-1015, 2^-56, 2^-28, 1/4, 0.84375, 1.25, 1/0.35 as erf and as erfc split it,
    /// 6, 28) on both sides of 0, log-uniform magnitudes from 2^-1074 to 2^10, uniform ones in
    /// [-30, 30], and ±0, ±∞, NaN.</summary>
    private static double[] ErfArguments()
    {
        var rng = new Random(1993);
        var x = new List<double> { 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.Epsilon, -double.Epsilon };
        long[] highWords = [0x00800000, 0x3c700000, 0x3e300000, 0x3fd00000, 0x3feb0000, 0x3ff40000, 0x4006DB6E, 0x4006DB6D, 0x40180000, 0x403c0000];
        foreach (long high in highWords)
        {
            long bits = high << 32;
            for (long d = -64; d <= 64; d++)
            {
                x.Add(BitConverter.Int64BitsToDouble(bits + d));
                x.Add(-BitConverter.Int64BitsToDouble(bits + d));
            }
        }

        for (int k = 0; k < 4000; k++)
        {
            double magnitude = Math.ScaleB(1.0 + rng.NextDouble(), rng.Next(-1074, 10));
            x.Add(rng.Next(2) == 0 ? magnitude : -magnitude);
            x.Add(-30.0 + (60.0 * rng.NextDouble()));
        }

        return [.. x];
    }

    /// <summary><see cref="EvaluateKernel"/> specialised on a precision and a device model type.</summary>
    private static MethodInfo Kernel(Type real, Type model) =>
        typeof(DeviceModelTests).GetMethod(nameof(EvaluateKernel), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(real, model);

    /// <summary>Runs the model's kernel on the device: values Rows×m, Jacobian Rows×m×n, row-major.</summary>
    private static (TReal[] Values, TReal[] Jacobian) RunOnDevice<TReal>(string device, Model model, Precision precision, TReal[] p, TReal[] points)
        where TReal : unmanaged, IFloatingPointIeee754<TReal>
    {
        MethodInfo kernel = Kernel(typeof(TReal), DeviceModelEmitter.Emit(model, precision));
        var action = kernel.CreateDelegate<Action<Index1D, ArrayView<TReal>, ArrayView<TReal>, ArrayView<TReal>, ArrayView<TReal>, int, MathTables>>();
        int count = p.Length / model.ParameterCount * Points;
        return KernelDevices.Use(device, accelerator =>
        {
            var launch = accelerator.LoadAutoGroupedStreamKernel(action);
            using MemoryBuffer1D<TReal, Stride1D.Dense> pBuffer = accelerator.Allocate1D(p);
            using MemoryBuffer1D<TReal, Stride1D.Dense> pointsBuffer = accelerator.Allocate1D(points);
            using MemoryBuffer1D<TReal, Stride1D.Dense> values = accelerator.Allocate1D<TReal>(count);
            using MemoryBuffer1D<TReal, Stride1D.Dense> jacobian = accelerator.Allocate1D<TReal>(count * model.ParameterCount);
            using MathTablesBuffer tables = MathTablesBuffer.Allocate(accelerator);
            launch(count, pBuffer.View, pointsBuffer.View, values.View, jacobian.View, Points, tables.Tables);
            accelerator.Synchronize();
            return (values.GetAsArray1D(), jacobian.GetAsArray1D());
        });
    }

    private void AssertDoubleMatches(string device, Model model, Inputs inputs)
    {
        (double[] values, double[] jacobian) = RunOnDevice(device, model, Precision.Double, inputs.Parameters, inputs.Points);
        (double[] cpuValues, double[] cpuJacobian) = OnCpu(model, inputs);

        // Where the libm differs the outputs agree to a tolerance; everywhere else, to the bit.
        bool exact = (device == KernelDevices.Cpu || !CallsDeviceLibm(model)) && (HostExp.IsGlibcFma || !CallsDeviceMath(model));
        int n = model.ParameterCount;
        double[] scales = OutputScales(cpuValues, cpuJacobian, n);
        int differing = 0;
        var failures = new List<string>();
        for (int k = 0; k < values.Length + jacobian.Length; k++)
        {
            (double expected, double actual, int output, int column) = k < values.Length
                ? (cpuValues[k], values[k], k, 0)
                : (cpuJacobian[k - values.Length], jacobian[k - values.Length], (k - values.Length) / n, 1 + ((k - values.Length) % n));
            bool same = BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual)
                || (double.IsNaN(expected) && double.IsNaN(actual));
            if (same)
            {
                continue;
            }

            differing++;
            if (exact || !(Math.Abs(actual - expected) <= LibmTolerance * scales[column]))
            {
                string what = column == 0 ? "value" : $"derivative {column - 1}";
                failures.Add($"{what} at {Describe(model, inputs, output)}: expected {expected:R}, the device gave {actual:R}");
            }
        }

        Assert.True(
            failures.Count == 0,
            $"{model} on {device}: {failures.Count} outputs differ{(exact ? "" : " beyond the tolerance")}:\n" + string.Join("\n", failures.Take(20)));
        output.WriteLine(
            $"{model} on {device}: {(exact ? "bit for bit" : "within " + LibmTolerance.ToString("R", null))}; "
            + $"{differing} of {values.Length + jacobian.Length} outputs differ from the CPU evaluator's bits");
    }

    /// <summary>The largest finite |value| and |derivative j| over the batch: a last-bit
    /// difference in a function is a difference at the scale of the terms it enters, which a
    /// sum may cancel to a much smaller result.</summary>
    private static double[] OutputScales(double[] values, double[] jacobian, int n)
    {
        double[] scales = new double[1 + n];
        foreach (double v in values.Where(double.IsFinite))
        {
            scales[0] = Math.Max(scales[0], Math.Abs(v));
        }

        for (int k = 0; k < jacobian.Length; k++)
        {
            scales[1 + (k % n)] = double.IsFinite(jacobian[k]) ? Math.Max(scales[1 + (k % n)], Math.Abs(jacobian[k])) : scales[1 + (k % n)];
        }

        return scales;
    }

    /// <summary>Names output <paramref name="index"/>'s parameter set and point.</summary>
    private static string Describe(Model model, Inputs inputs, int index)
    {
        int row = index / Points;
        int point = index % Points;
        int n = model.ParameterCount;
        int d = model.VariableCount;
        IEnumerable<string> p = Enumerable.Range(0, n).Select(j => $"{model.Parameters[j]} = {inputs.Parameters[(row * n) + j]:R}");
        IEnumerable<string> v = Enumerable.Range(0, d).Select(k => $"{model.Variables[k]} = {inputs.Points[(point * d) + k]:R}");
        return string.Join(", ", p.Concat(v));
    }

    private void AssertSingleClose(string device, Model model, Inputs inputs)
    {
        float[] p = Array.ConvertAll(inputs.Parameters, x => (float)x);
        float[] points = Array.ConvertAll(inputs.Points, x => (float)x);
        (float[] values, float[] jacobian) = RunOnDevice(device, model, Precision.Single, p, points);

        // The reference is the CPU evaluator at the float inputs, so only the arithmetic differs.
        var rounded = new Inputs(Array.ConvertAll(p, x => (double)x), Array.ConvertAll(points, x => (double)x));
        (double[] cpuValues, double[] cpuJacobian) = OnCpu(model, rounded);
        int n = model.ParameterCount;
        double worst = AssertFloatClose(cpuValues, values, 1, 0, k => $"value {k}");
        for (int j = 0; j < n; j++)
        {
            worst = Math.Max(worst, AssertFloatClose(cpuJacobian, jacobian, n, j, k => $"derivative {j} at output {k}"));
        }

        output.WriteLine($"{model} on {device} in single: worst {worst:F2} float ulps of the output's scale from the double result");
    }

    /// <summary>Asserts that every <c>actual[k*stride + offset]</c> is within a few float ulps of
    /// the largest |expected| of that output (value, or one derivative) over the batch: float
    /// rounds each term of a sum at the terms' scale, not at the sum's.</summary>
    /// <returns>The largest difference, in those ulps.</returns>
    private static double AssertFloatClose(double[] expected, float[] actual, int stride, int offset, Func<int, string> what)
    {
        const double allowedUlps = 8.0;
        double scale = 0.0;
        for (int k = offset; k < expected.Length; k += stride)
        {
            scale = double.IsFinite(expected[k]) ? Math.Max(scale, Math.Abs(expected[k])) : scale;
        }

        double ulp = Math.ScaleB(1.0, Math.Max(Math.ILogB(scale), -126) - 23);
        double worst = 0.0;
        for (int k = offset; k < expected.Length; k += stride)
        {
            if (!double.IsFinite(expected[k]))
            {
                Assert.Equal((float)expected[k], actual[k]);
                continue;
            }

            double ulps = Math.Abs(actual[k] - expected[k]) / ulp;
            Assert.True(
                ulps <= allowedUlps,
                $"{what(k / stride)}: expected {expected[k]:R}, the device gave {actual[k]:R} ({ulps:F1} float ulps of {scale:R})");
            worst = Math.Max(worst, ulps);
        }

        return worst;
    }

    /// <summary>The CPU evaluator's values and derivatives in the device layout (derivatives of
    /// one output together).</summary>
    private static (double[] Values, double[] Jacobian) OnCpu(Model model, Inputs inputs)
    {
        CompiledModel compiled = model.Compile();
        int n = model.ParameterCount;
        int rows = inputs.Parameters.Length / n;
        double[] values = new double[rows * Points];
        double[] jacobian = new double[rows * Points * n];
        double[] f = new double[Points];
        double[] jac = new double[Points * n];
        for (int row = 0; row < rows; row++)
        {
            double[] p = inputs.Parameters[(row * n)..((row + 1) * n)];
            compiled.Values(p, inputs.Points, 0, Points, f);
            compiled.Jacobian(p, inputs.Points, 0, Points, jac);
            for (int i = 0; i < Points; i++)
            {
                values[(row * Points) + i] = f[i];
                for (int j = 0; j < n; j++)
                {
                    jacobian[(((row * Points) + i) * n) + j] = jac[i + (j * Points)];
                }
            }
        }

        return (values, jacobian);
    }

    /// <summary>Rows parameter sets in [0.5, 2] (the first all ones, for ties) and m points whose
    /// variables are in [low, high] (the first points on 0, 1 and the bounds, then on the
    /// <paramref name="extra"/> values).</summary>
    private static Inputs MakeInputs(Model model, double low, double high, double[] extra, int seed)
    {
        var rng = new Random(seed);
        int n = model.ParameterCount;
        int d = model.VariableCount;
        double[] p = new double[Rows * n];
        for (int k = n; k < p.Length; k++)
        {
            p[k] = 0.5 + (1.5 * rng.NextDouble());
        }

        Array.Fill(p, 1.0, 0, n);
        double[] special = [.. new[] { 0.0, 1.0, low, high }.Where(x => x >= low && x <= high), .. extra];
        double[] points = new double[Points * d];
        for (int k = 0; k < points.Length; k++)
        {
            int i = k / d;
            points[k] = i < special.Length ? special[i] : low + ((high - low) * rng.NextDouble());
        }

        return new Inputs(p, points);
    }

    private static bool CallsDeviceMath(Model model) =>
        Uses(model, node => node is CallNode { Function: ModelFunction.Exp or ModelFunction.Atan or ModelFunction.Erf or ModelFunction.Erfc }
            || node is BinaryNode { Operator: BinaryOperator.Power, SmallIntegerExponent: 0, IsPowerOfOne: false });

    private static bool CallsDeviceLibm(Model model) =>
        Uses(model, node => node is CallNode
        {
            Function: ModelFunction.Log or ModelFunction.Sin or ModelFunction.Cos or ModelFunction.Tan or ModelFunction.Atan2
                or ModelFunction.Sinh or ModelFunction.Cosh or ModelFunction.Tanh,
        });

    private static bool Uses(Model model, Func<Node, bool> predicate) =>
        new[] { model.ValuePlan, model.JacobianPlan }
            .SelectMany(plan => plan.Temporaries.Concat(plan.Outputs))
            .Any(node => Contains(node, predicate));

    private static bool Contains(Node node, Func<Node, bool> predicate) =>
        predicate(node) || node.Children.Any(child => Contains(child, predicate));

    private sealed record ExpressionCase(
        string Name, string Expression, string[]? Parameters, string[]? Variables, double Low, double High,
        Dictionary<string, double>? Constants = null, double[]? Extra = null)
    {
        public Model Parse() => Model.Parse(Expression, Parameters, Variables, Constants);

        public Inputs Inputs(Model model) => MakeInputs(model, Low, High, Extra ?? [], 100 + Array.IndexOf(Expressions, this));
    }

    private sealed record Inputs(double[] Parameters, double[] Points);
}
