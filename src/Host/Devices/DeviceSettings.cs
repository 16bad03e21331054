namespace GpuLm.Host.Devices;

/// <summary>How a device accelerator lays problems onto threads and sizes its chunks.</summary>
public sealed record DeviceSettings
{
    /// <summary>The defaults: a team of one, the device's default problems per group, chunks sized from the device's memory.</summary>
    public static DeviceSettings Default { get; } = new();

    /// <summary>The index into <see cref="DeviceContext.OpenCLDevices"/> for an OpenCL accelerator, or null for the first.</summary>
    public int? DeviceIndex { get; init; }

    /// <summary>The threads per problem (a power of two, at most the device's group limit), or null for 1.</summary>
    public int? Team { get; init; }

    /// <summary>The problems one thread group fits side by side (1 to 1024, and 1 with a team of more
    /// than one), or null for the device's default: 32 on a GPU, a warp's worth, and 1 elsewhere.
    /// Results do not depend on it.</summary>
    public int? ProblemsPerGroup { get; init; }

    /// <summary>The most rows one launch fits, or null to size chunks from the device's memory.
    /// Results do not depend on it.</summary>
    public int? MaxChunkRows { get; init; }
}
