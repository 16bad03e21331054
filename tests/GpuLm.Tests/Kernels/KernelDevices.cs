using GpuLm.Host.Devices;
using ILGPU.Runtime.OpenCL;
using Xunit;
using IlgpuAccelerator = ILGPU.Runtime.Accelerator;

namespace GpuLm.Tests.Kernels;

/// <summary>
/// The ILGPU accelerators the kernel tests run on, one of each per test process: ILGPU's CPU
/// accelerator and ILGPU's OpenCL accelerator on the first OpenCL device (PoCL in CI). PoCL
/// builds each kernel in about a second, and ILGPU caches a kernel per accelerator, so the
/// tests share them; <see cref="Use"/> runs one test's work on a device at a time.
/// </summary>
public static class KernelDevices
{
    /// <summary>The names tests are parameterised by.</summary>
    public const string Cpu = "ilgpu-cpu";

    /// <summary>The names tests are parameterised by.</summary>
    public const string OpenCL = "ilgpu-opencl";

    private static readonly Lazy<IlgpuAccelerator> s_cpu = new(() => DeviceContext.Shared.CreateCpu());

    private static readonly Lazy<IlgpuAccelerator> s_openCL = new(() =>
        DeviceContext.Shared.TryCreateOpenCL(0, out CLAccelerator? accelerator, out string reason)
            ? accelerator
            : throw new InvalidOperationException($"No ILGPU OpenCL accelerator: {reason}."));

    private static readonly Lock s_cpuGate = new();
    private static readonly Lock s_openCLGate = new();

    /// <summary>Both device names, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Names => new() { Cpu, OpenCL };

    /// <summary>Runs <paramref name="work"/> on the named accelerator, alone on it.</summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="name"><see cref="Cpu"/> or <see cref="OpenCL"/>.</param>
    /// <param name="work">The work.</param>
    /// <returns>What it returned.</returns>
    /// <exception cref="InvalidOperationException">The OpenCL device is missing; the message says why.</exception>
    public static T Use<T>(string name, Func<IlgpuAccelerator, T> work)
    {
        (Lazy<IlgpuAccelerator> device, Lock gate) = name switch
        {
            Cpu => (s_cpu, s_cpuGate),
            OpenCL => (s_openCL, s_openCLGate),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"expected {Cpu} or {OpenCL}"),
        };
        lock (gate)
        {
            return work(device.Value);
        }
    }
}
