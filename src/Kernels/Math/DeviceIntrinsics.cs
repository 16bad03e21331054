using System.Reflection;
using ILGPU;
using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.IR;
using ILGPU.IR.Intrinsics;

namespace GpuLm.Kernels;

/// <summary>Registers the kernels' intrinsics (the exact fused multiply-add, the NaN-safe comparisons and the
/// barrier that orders shared memory) with an ILGPU context.</summary>
/// <remarks>
/// ILGPU 1.5.3 maps no .NET method to a fused multiply-add, and a kernel's IL is otherwise
/// compiled operation by operation: <see cref="Math.FusedMultiplyAdd(double, double, double)"/>
/// has no mapping at all. <see cref="DeviceMath.Fma"/> is therefore marked as an ILGPU intrinsic,
/// and this class gives ILGPU the code to write in its place: OpenCL C's <c>fma(a, b, c)</c>
/// (correctly rounded by the OpenCL specification for double) and PTX's <c>fma.rn.f64</c>,
/// inline at each call. ILGPU's CPU accelerator needs nothing: it runs the kernel's IL under
/// the .NET JIT, where the method's body, Math.FusedMultiplyAdd, is exact.
/// </remarks>
public static class DeviceIntrinsics
{
    private static readonly Dictionary<MethodInfo, (string OpenCL, string Ptx)> s_compares =
        DeviceCompare.Intrinsics().ToDictionary(c => c.Method, c => (c.OpenCL, c.Ptx));

    private static readonly MethodInfo s_barrier = typeof(DeviceBarrier).GetMethod(nameof(DeviceBarrier.Sync), Type.EmptyTypes)
        ?? throw new MissingMethodException(nameof(DeviceBarrier), nameof(DeviceBarrier.Sync));

    private static readonly MethodInfo s_fma = typeof(DeviceMath).GetMethod(nameof(DeviceMath.Fma), [typeof(double), typeof(double), typeof(double)])
        ?? throw new MissingMethodException(nameof(DeviceMath), nameof(DeviceMath.Fma));

    /// <summary>Registers the intrinsics with <paramref name="context"/>; call once, before compiling a kernel.</summary>
    /// <param name="context">The context.</param>
    /// <remarks>
    /// ILGPU copies a context's intrinsics into each backend as the backend is created, so this
    /// must run before the context's first accelerator (or backend) is created; a kernel that
    /// calls <see cref="DeviceMath.Fma"/> on an OpenCL or CUDA accelerator of a context without
    /// them fails to compile.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public static void Register(Context context)
    {
        ArgumentNullException.ThrowIfNull(context);
        IntrinsicImplementationManager manager = context.GetIntrinsicManager();
        manager.RegisterMethod(s_fma, new CLIntrinsic(typeof(DeviceIntrinsics), nameof(GenerateOpenCLFma), IntrinsicImplementationMode.GenerateCode));
        manager.RegisterMethod(s_fma, new PTXIntrinsic(typeof(DeviceIntrinsics), nameof(GeneratePtxFma), IntrinsicImplementationMode.GenerateCode));
        manager.RegisterMethod(s_barrier, new CLIntrinsic(typeof(DeviceIntrinsics), nameof(GenerateOpenCLBarrier), IntrinsicImplementationMode.GenerateCode));
        manager.RegisterMethod(s_barrier, new PTXIntrinsic(typeof(DeviceIntrinsics), nameof(GeneratePtxBarrier), IntrinsicImplementationMode.GenerateCode));
        foreach (MethodInfo method in s_compares.Keys)
        {
            manager.RegisterMethod(method, new CLIntrinsic(typeof(DeviceIntrinsics), nameof(GenerateOpenCLCompare), IntrinsicImplementationMode.GenerateCode));
            manager.RegisterMethod(method, new PTXIntrinsic(typeof(DeviceIntrinsics), nameof(GeneratePtxCompare), IntrinsicImplementationMode.GenerateCode));
        }
    }

    /// <summary>Writes <c>barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);</c> for a call of <see cref="DeviceBarrier.Sync"/>.</summary>
    /// <param name="backend">The OpenCL backend.</param>
    /// <param name="codeGenerator">The code generator of the calling function.</param>
    /// <param name="value">The call.</param>
    private static void GenerateOpenCLBarrier(CLBackend backend, CLCodeGenerator codeGenerator, Value value)
    {
        using CLCodeGenerator.StatementEmitter statement = codeGenerator.BeginStatement("barrier");
        statement.BeginArguments();
        statement.AppendCommand("CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE");
        statement.EndArguments();
    }

    /// <summary>Writes <c>bar.sync 0;</c> for a call of <see cref="DeviceBarrier.Sync"/>.</summary>
    /// <param name="backend">The PTX backend.</param>
    /// <param name="codeGenerator">The code generator of the calling function.</param>
    /// <param name="value">The call.</param>
    private static void GeneratePtxBarrier(PTXBackend backend, PTXCodeGenerator codeGenerator, Value value)
    {
        using PTXCodeGenerator.CommandEmitter command = codeGenerator.BeginCommand("bar.sync");
        command.AppendConstant(0);
    }

    /// <summary>Writes <c>target = isless(a, b);</c> (or its kin) for a call of a <see cref="DeviceCompare"/> method.</summary>
    /// <param name="backend">The OpenCL backend.</param>
    /// <param name="codeGenerator">The code generator of the calling function.</param>
    /// <param name="value">The call; its operands are a and b.</param>
    private static void GenerateOpenCLCompare(CLBackend backend, CLCodeGenerator codeGenerator, Value value)
    {
        var a = codeGenerator.Load(value[0]);
        var b = codeGenerator.Load(value[1]);
        var target = codeGenerator.Allocate(value);
        using CLCodeGenerator.StatementEmitter statement = codeGenerator.BeginStatement(target);
        statement.AppendCommand(s_compares[Target(value)].OpenCL);
        statement.BeginArguments();
        statement.AppendArgument(a);
        statement.AppendArgument(b);
        statement.EndArguments();
    }

    /// <summary>Writes <c>setp.lt.f64 target, a, b;</c> (or its kin) for a call of a <see cref="DeviceCompare"/> method.</summary>
    /// <param name="backend">The PTX backend.</param>
    /// <param name="codeGenerator">The code generator of the calling function.</param>
    /// <param name="value">The call; its operands are a and b.</param>
    private static void GeneratePtxCompare(PTXBackend backend, PTXCodeGenerator codeGenerator, Value value)
    {
        var a = codeGenerator.LoadPrimitive(value[0]);
        var b = codeGenerator.LoadPrimitive(value[1]);
        var target = codeGenerator.AllocateHardware(value);
        using PTXCodeGenerator.CommandEmitter command = codeGenerator.BeginCommand(s_compares[Target(value)].Ptx);
        command.AppendArgument(target);
        command.AppendArgument(a);
        command.AppendArgument(b);
    }

    /// <summary>The .NET method an intrinsic call stands for.</summary>
    private static MethodInfo Target(Value value) =>
        value is ILGPU.IR.Values.MethodCall call ? (MethodInfo)call.Target.Source
        : throw new InvalidOperationException($"{value} is not a call of a DeviceCompare method.");

    /// <summary>Writes <c>target = fma(a, b, c);</c> for a call of <see cref="DeviceMath.Fma"/> (ILGPU's <see cref="CLIntrinsic.Handler"/>).</summary>
    /// <param name="backend">The OpenCL backend.</param>
    /// <param name="codeGenerator">The code generator of the calling function.</param>
    /// <param name="value">The call; its operands are a, b and c.</param>
    private static void GenerateOpenCLFma(CLBackend backend, CLCodeGenerator codeGenerator, Value value)
    {
        var a = codeGenerator.Load(value[0]);
        var b = codeGenerator.Load(value[1]);
        var c = codeGenerator.Load(value[2]);
        var target = codeGenerator.Allocate(value);
        using CLCodeGenerator.StatementEmitter statement = codeGenerator.BeginStatement(target);
        statement.AppendCommand("fma");
        statement.BeginArguments();
        statement.AppendArgument(a);
        statement.AppendArgument(b);
        statement.AppendArgument(c);
        statement.EndArguments();
    }

    /// <summary>Writes <c>fma.rn.f64 target, a, b, c;</c> for a call of <see cref="DeviceMath.Fma"/> (ILGPU's <see cref="PTXIntrinsic.Handler"/>).</summary>
    /// <param name="backend">The PTX backend.</param>
    /// <param name="codeGenerator">The code generator of the calling function.</param>
    /// <param name="value">The call; its operands are a, b and c.</param>
    private static void GeneratePtxFma(PTXBackend backend, PTXCodeGenerator codeGenerator, Value value)
    {
        var a = codeGenerator.LoadPrimitive(value[0]);
        var b = codeGenerator.LoadPrimitive(value[1]);
        var c = codeGenerator.LoadPrimitive(value[2]);
        var target = codeGenerator.AllocateHardware(value);
        using PTXCodeGenerator.CommandEmitter command = codeGenerator.BeginCommand("fma.rn.f64");
        command.AppendArgument(target);
        command.AppendArgument(a);
        command.AppendArgument(b);
        command.AppendArgument(c);
    }
}
