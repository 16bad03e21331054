using System.Reflection;
using GpuLm.Host;
using GpuLm.Host.Devices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.OpenCL;
using Xunit;

namespace GpuLm.Tests.OpenCL;

/// <summary>A missing OpenCL platform and a kernel that does not compile each say so clearly.</summary>
public sealed class DeviceErrorTests
{
    [Fact]
    public void TryCreateOpenCL_NoOpenCLDevice_SaysWhatToInstall()
    {
        // A context that takes no OpenCL device sees what a machine without a driver sees.
        using var context = new DeviceContext(_ => false);

        Assert.False(context.TryCreateOpenCL(0, out CLAccelerator? accelerator, out string reason));
        Assert.Null(accelerator);
        Assert.Contains("ILGPU found no OpenCL device", reason, StringComparison.Ordinal);
        Assert.Contains("pocl-opencl-icd", reason, StringComparison.Ordinal);
        Assert.Contains("ocl-icd-opencl-dev", reason, StringComparison.Ordinal);
    }

    [OpenCLFact]
    public void TryCreateOpenCL_IndexPastTheDevices_SaysHowManyThereAre()
    {
        int count = DeviceContext.Shared.OpenCLDevices.Count;
        Assert.False(DeviceContext.Shared.TryCreateOpenCL(count, out _, out string reason));
        Assert.Equal($"there is no OpenCL device {count}: ILGPU found {count} (0 to {count - 1})", reason);
    }

    [OpenCLFact]
    public void Load_KernelThatCannotCompile_NamesTheKernelTheDeviceAndTheError()
    {
        using DeviceAccelerator openCL = Accelerators.OpenCL();
        MethodInfo broken = typeof(DeviceErrorTests).GetMethod(nameof(AllocatesAnArray), BindingFlags.NonPublic | BindingFlags.Static)!;

        var e = Assert.Throws<InvalidOperationException>(
            () => DeviceAccelerator.Load<Action<AcceleratorStream, KernelConfig, ArrayView<double>>>(openCL.Device, broken, "a test kernel"));

        Assert.StartsWith($"Compiling a test kernel for {openCL.Device.Name} failed: ", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.InnerException);
    }

    /// <summary>A kernel ILGPU cannot compile: it allocates a managed array.</summary>
    private static void AllocatesAnArray(ArrayView<double> x)
    {
        double[] copy = new double[x.IntLength];
        x[0] = copy[0];
    }
}
