namespace GpuLm.Kernels;

/// <summary>The device code shipped as embedded resources.</summary>
public static class KernelSource
{
    /// <summary>The names of the embedded device source files.</summary>
    /// <returns>Resource names, e.g. <c>GpuLm.Kernels.Device.prelude.h</c>.</returns>
    public static IReadOnlyList<string> Files() =>
        typeof(KernelSource).Assembly.GetManifestResourceNames().Order(StringComparer.Ordinal).ToArray();
}
