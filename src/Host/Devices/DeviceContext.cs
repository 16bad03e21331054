using System.Diagnostics.CodeAnalysis;
using GpuLm.Host.OpenCL;
using GpuLm.Kernels;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.OpenCL;
using IlgpuAccelerator = ILGPU.Runtime.Accelerator;

namespace GpuLm.Host.Devices;

/// <summary>
/// The process's one ILGPU context: the devices ILGPU finds (its CPU accelerator and every
/// OpenCL device) and the kernel compiler settings GpuLm's kernels need.
/// </summary>
/// <remarks>
/// One context serves the whole process, so that a device's compiled kernels are shared by
/// every fit (PoCL takes about a second to build each kernel). Kernels are compiled at
/// optimisation level O2, where ILGPU infers the address space of every pointer (what lets
/// PoCL build them, see <see cref="GenericAddressSpace"/>), with the device math's
/// intrinsics registered (<see cref="DeviceIntrinsics"/>). Creating the context never throws
/// for a missing OpenCL loader or driver: ILGPU then lists no OpenCL device, and
/// <see cref="TryCreateOpenCL"/> says why.
/// </remarks>
public sealed class DeviceContext : IDisposable
{
    private static readonly Lazy<DeviceContext> s_shared = new(() => new DeviceContext(_ => true), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Creates a context with the OpenCL devices <paramref name="openCL"/> accepts.</summary>
    /// <param name="openCL">Which OpenCL devices to use: all of them for the process's context;
    /// none, for a test of what happens where OpenCL is missing.</param>
    internal DeviceContext(Predicate<CLDevice> openCL)
    {
        Context = Context.Create(builder => builder
            .CPU(new CPUDevice(numThreadsPerWarp: 4, numWarpsPerMultiprocessor: CpuGroupLimit / 4, numMultiprocessors: Environment.ProcessorCount))
            .OpenCL(openCL)
            .Optimize(OptimizationLevel.O2)
            .Math(MathMode.Default));
        DeviceIntrinsics.Register(Context);
        OpenCLDevices = [.. Context.GetCLDevices()];
    }

    /// <summary>The largest group on ILGPU's CPU accelerator: a team of 64, or 64 problems per group.</summary>
    public const int CpuGroupLimit = 64;

    /// <summary>The process's context, created on first use.</summary>
    public static DeviceContext Shared => s_shared.Value;

    /// <summary>Every OpenCL device ILGPU found, in ILGPU's order (platform by platform).</summary>
    public IReadOnlyList<CLDevice> OpenCLDevices { get; }

    /// <summary>The ILGPU context.</summary>
    internal Context Context { get; }

    /// <summary>Creates ILGPU's CPU accelerator: the kernels' IL run by the .NET JIT, one thread per
    /// simulated work-item, groups of up to 64 (a team of 64, or 64 problems per group) on each core.</summary>
    /// <returns>A new accelerator; the caller disposes it.</returns>
    public CPUAccelerator CreateCpu() => Context.CreateCPUAccelerator(0);

    /// <summary>Creates an ILGPU accelerator on OpenCL device <paramref name="index"/>, if there is one.</summary>
    /// <param name="index">The index into <see cref="OpenCLDevices"/>.</param>
    /// <param name="accelerator">The accelerator, or null; the caller disposes it.</param>
    /// <param name="reason">Why none was created, or empty.</param>
    /// <returns>Whether one was created.</returns>
    public bool TryCreateOpenCL(int index, [NotNullWhen(true)] out CLAccelerator? accelerator, out string reason)
    {
        accelerator = null;
        if (OpenCLDevices.Count == 0)
        {
            reason = "ILGPU found no OpenCL device: install an OpenCL driver (an ICD such as pocl-opencl-icd) "
                + "and the loader libOpenCL.so (Debian: ocl-icd-opencl-dev; the runtime package has only libOpenCL.so.1)";
            return false;
        }

        if (index < 0 || index >= OpenCLDevices.Count)
        {
            reason = $"there is no OpenCL device {index}: ILGPU found {OpenCLDevices.Count} (0 to {OpenCLDevices.Count - 1})";
            return false;
        }

        CLDevice device = OpenCLDevices[index];
        if (!GenericAddressSpace.Allow(device))
        {
            reason = $"OpenCL device {device.Name} has no generic address space, and this ILGPU offers no way to proceed without it";
            return false;
        }

        try
        {
            accelerator = device.CreateCLAccelerator(Context);
            reason = string.Empty;
            return true;
        }
        catch (Exception e) when (e is CLException or NotSupportedException or ILGPU.CapabilityNotSupportedException)
        {
            reason = $"OpenCL device {device.Name} could not be opened: {e.Message}";
            return false;
        }
    }

    /// <summary>Releases the ILGPU context; the process's shared one lives as long as the process.</summary>
    public void Dispose() => Context.Dispose();

    /// <summary>Whether <paramref name="device"/> is a GPU.</summary>
    /// <param name="device">An OpenCL device.</param>
    /// <returns>True for CL_DEVICE_TYPE_GPU.</returns>
    public static bool IsGpu(CLDevice device) => device.DeviceType.HasFlag(CLDeviceType.CL_DEVICE_TYPE_GPU);

    /// <summary>One line on an OpenCL device: platform, name, type, compute units, memory and fp64.</summary>
    /// <param name="device">The device.</param>
    /// <returns>E.g. "Portable Computing Language: pthread-... (CPU, 2 compute units, 21.5 GiB, fp64)".</returns>
    public static string Describe(CLDevice device)
    {
        string kind = IsGpu(device) ? "GPU" : device.DeviceType.HasFlag(CLDeviceType.CL_DEVICE_TYPE_CPU) ? "CPU" : "device";
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{device.PlatformName}: {device.Name} ({kind}, {device.NumMultiprocessors} compute units, {device.MemorySize / (1024.0 * 1024 * 1024):0.0} GiB, {(device.Capabilities.Float64 ? "fp64" : "no fp64")})");
    }

    /// <summary>Whether <paramref name="accelerator"/> computes in double precision.</summary>
    /// <param name="accelerator">An accelerator of this context.</param>
    /// <returns>True on the CPU, and on an OpenCL device with fp64.</returns>
    public static bool SupportsDouble(IlgpuAccelerator accelerator) => accelerator switch
    {
        CLAccelerator cl => cl.Capabilities.Float64,
        _ => true,
    };
}
