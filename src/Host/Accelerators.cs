using System.Diagnostics.CodeAnalysis;
using GpuLm.Host.Cpu;
using GpuLm.Host.Cuda;
using GpuLm.Host.Devices;
using ILGPU.Runtime.OpenCL;

namespace GpuLm.Host;

/// <summary>What discovery found for one kind of accelerator.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Available">Whether an accelerator of this kind can be created.</param>
/// <param name="Description">The device where available; why not otherwise.</param>
public readonly record struct AcceleratorInfo(AcceleratorKind Kind, bool Available, string Description);

/// <summary>
/// Discovery and creation of accelerators. Discovery never throws: a missing driver or
/// backend makes a kind unavailable, with a reason.
/// </summary>
/// <remarks>
/// <c>auto</c> takes CUDA, then an OpenCL GPU, then the CPU. The environment variable
/// <c>GPULM_ACCELERATOR</c> (<c>auto</c>, <c>cpu</c>, <c>opencl</c>, <c>cuda</c>)
/// overrides the choice of <see cref="Default"/>.
/// </remarks>
public static class Accelerators
{
    /// <summary>The environment variable that overrides <see cref="Default"/>.</summary>
    public const string EnvironmentVariable = "GPULM_ACCELERATOR";

    /// <summary>The CPU accelerator on <paramref name="threads"/> threads.</summary>
    /// <param name="threads">The thread count; null for every core.</param>
    /// <returns>The accelerator.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    public static CpuAccelerator Cpu(int? threads = null)
    {
        if (threads is { } t)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(t, 1, nameof(threads));
        }

        return new CpuAccelerator(threads ?? Environment.ProcessorCount);
    }

    /// <summary>GpuLm's device kernel on ILGPU's CPU accelerator: the kernel's test bench, for
    /// debugging it without a GPU (about a quarter of the native CPU accelerator's speed).</summary>
    /// <param name="settings">Team size, problems per group and chunking; null for the defaults.</param>
    /// <returns>The accelerator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static DeviceAccelerator IlgpuCpu(DeviceSettings? settings = null) => DeviceAccelerator.CreateCpu(settings ?? DeviceSettings.Default);

    /// <summary>Creates an accelerator of <paramref name="kind"/> if one is available.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="accelerator">The accelerator, or null.</param>
    /// <param name="reason">Why none could be created, or empty.</param>
    /// <returns>Whether one was created.</returns>
    public static bool TryCreate(
        AcceleratorKind kind, [NotNullWhen(true)] out Accelerator? accelerator, out string reason)
    {
        switch (kind)
        {
            case AcceleratorKind.Cpu:
                accelerator = Cpu();
                reason = string.Empty;
                return true;
            case AcceleratorKind.OpenCL:
                bool created = DeviceAccelerator.TryCreateOpenCL(DeviceSettings.Default, out DeviceAccelerator? openCL, out reason);
                accelerator = openCL;
                return created;
            case AcceleratorKind.IlgpuCpu:
                accelerator = IlgpuCpu();
                reason = string.Empty;
                return true;
            case AcceleratorKind.Cuda:
                // The driver and NVRTC bindings and discovery exist; the kernel launch path does not yet.
                accelerator = null;
                reason = CudaDevice.TryDiscover(out IReadOnlyList<CudaDeviceInfo> cudaDevices, out string why)
                    ? $"CUDA device {cudaDevices[0].Name} found, but this build of GpuLm cannot fit on CUDA yet"
                    : why;
                return false;
            default:
                accelerator = null;
                reason = $"unknown accelerator kind {(int)kind}";
                return false;
        }
    }

    /// <summary>Creates an accelerator of <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The accelerator.</returns>
    /// <exception cref="InvalidOperationException">None is available; the message says why.</exception>
    public static Accelerator Create(AcceleratorKind kind) =>
        TryCreate(kind, out Accelerator? accelerator, out string reason)
            ? accelerator
            : throw new InvalidOperationException($"No {kind} accelerator: {reason}.");

    /// <summary>GpuLm's ILGPU kernel on the OpenCL device <paramref name="settings"/> chooses.</summary>
    /// <param name="settings">Device, team size, problems per group and chunking; null for the defaults.</param>
    /// <returns>The accelerator.</returns>
    /// <exception cref="InvalidOperationException">No OpenCL device is available; the message says why.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range for the device.</exception>
    public static DeviceAccelerator OpenCL(DeviceSettings? settings = null) =>
        DeviceAccelerator.TryCreateOpenCL(settings ?? DeviceSettings.Default, out DeviceAccelerator? accelerator, out string reason)
            ? accelerator
            : throw new InvalidOperationException($"No OpenCL accelerator: {reason}.");

    /// <summary>What is available, kind by kind; OpenCL lists each device (name, memory, fp64).</summary>
    /// <returns>One entry per kind, or per OpenCL device, with the device or the reason it is missing.</returns>
    public static IReadOnlyList<AcceleratorInfo> Discover()
    {
        var found = new List<AcceleratorInfo>();
        foreach (AcceleratorKind kind in Enum.GetValues<AcceleratorKind>())
        {
            if (kind == AcceleratorKind.OpenCL)
            {
                IReadOnlyList<CLDevice> devices = DeviceContext.Shared.OpenCLDevices;
                if (devices.Count == 0)
                {
                    DeviceContext.Shared.TryCreateOpenCL(0, out _, out string why);
                    found.Add(new AcceleratorInfo(kind, false, why));
                }

                found.AddRange(devices.Select(d => new AcceleratorInfo(kind, true, DeviceContext.Describe(d))));
                continue;
            }

            if (TryCreate(kind, out Accelerator? accelerator, out string reason))
            {
                using (accelerator)
                {
                    found.Add(new AcceleratorInfo(kind, true, accelerator.DeviceName));
                }
            }
            else
            {
                found.Add(new AcceleratorInfo(kind, false, reason));
            }
        }

        return found;
    }

    /// <summary>The accelerator to use: <c>GPULM_ACCELERATOR</c> where it names a kind,
    /// otherwise CUDA, then an OpenCL GPU (not a CPU device such as PoCL's), then the CPU,
    /// whichever is available first.</summary>
    /// <returns>The accelerator.</returns>
    /// <exception cref="InvalidOperationException"><c>GPULM_ACCELERATOR</c> has a value
    /// other than auto, cpu, opencl, cuda or ilgpu-cpu, or names a kind that is unavailable.</exception>
    public static Accelerator Default()
    {
        string? choice = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim();
        if (!string.IsNullOrEmpty(choice) && !choice.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            AcceleratorKind kind = ParseKind(choice)
                ?? throw new InvalidOperationException(
                    $"{EnvironmentVariable} must be auto, cpu, opencl, cuda or ilgpu-cpu; it is '{choice}'.");
            return TryCreate(kind, out Accelerator? chosen, out string reason)
                ? chosen
                : throw new InvalidOperationException($"{EnvironmentVariable}={choice} asks for {kind}, which is unavailable: {reason}.");
        }

        if (TryCreate(AcceleratorKind.Cuda, out Accelerator? cuda, out _))
        {
            return cuda;
        }

        // Only an OpenCL GPU: PoCL's CPU device is slower than the CPU accelerator.
        int gpu = DeviceContext.Shared.OpenCLDevices.ToList().FindIndex(DeviceContext.IsGpu);
        if (gpu >= 0 && DeviceAccelerator.TryCreateOpenCL(new DeviceSettings { DeviceIndex = gpu }, out DeviceAccelerator? openCL, out _))
        {
            return openCL;
        }

        return Cpu();
    }

    /// <summary>Parses an accelerator name as the CLI and <c>GPULM_ACCELERATOR</c> spell it.</summary>
    /// <param name="name">cpu, opencl, cuda or ilgpu-cpu, in any case.</param>
    /// <returns>The kind, or null for any other text.</returns>
    public static AcceleratorKind? ParseKind(string name)
    {
        string wanted = name.Trim().ToLowerInvariant();
        foreach (AcceleratorKind kind in Enum.GetValues<AcceleratorKind>())
        {
            if (NameOf(kind) == wanted)
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>The name the CLI and <c>GPULM_ACCELERATOR</c> use for <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>cpu, opencl, cuda or ilgpu-cpu.</returns>
    public static string NameOf(AcceleratorKind kind) => kind switch
    {
        AcceleratorKind.Cpu => "cpu",
        AcceleratorKind.OpenCL => "opencl",
        AcceleratorKind.Cuda => "cuda",
        AcceleratorKind.IlgpuCpu => "ilgpu-cpu",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
