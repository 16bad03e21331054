using System.Reflection;
using ILGPU.Runtime.OpenCL;

namespace GpuLm.Host.OpenCL;

/// <summary>
/// Lets ILGPU open an OpenCL device that answers No to
/// <c>CL_DEVICE_GENERIC_ADDRESS_SPACE_SUPPORT</c>, as PoCL 3.1 on a CPU does.
/// </summary>
/// <remarks>
/// ILGPU 1.5.3 refuses such a device (<c>CapabilityNotSupportedException: GenericAddressSpace
/// feature is not supported on this device</c>) because some kernels need OpenCL 2.0's generic
/// pointers. GpuLm's kernels do not: compiled at optimisation level O2, every pointer in the
/// OpenCL C that ILGPU writes for them is qualified <c>global</c> or <c>local</c>, and PoCL
/// builds and runs it (the OpenCL kernel tests prove it). Should a future kernel need a
/// generic pointer, the device's compiler rejects the source and the build log says so. The
/// capability has no public setter, so this is the one place that sets it, by reflection.
/// </remarks>
internal static class GenericAddressSpace
{
    /// <summary>Marks the device as capable of generic address spaces, if ILGPU says it is not.</summary>
    /// <param name="device">The device.</param>
    /// <returns>Whether the capability is now set: false only if this ILGPU has no such property to set.</returns>
    public static bool Allow(CLDevice device)
    {
        CLCapabilityContext capabilities = device.Capabilities;
        if (capabilities.GenericAddressSpace)
        {
            return true;
        }

        MethodInfo? setter = typeof(CLCapabilityContext)
            .GetProperty(nameof(CLCapabilityContext.GenericAddressSpace))?
            .GetSetMethod(nonPublic: true);
        if (setter is null)
        {
            return false;
        }

        setter.Invoke(capabilities, [true]);
        return capabilities.GenericAddressSpace;
    }
}
