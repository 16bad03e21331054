namespace GpuLm.Host.OpenCL;

/// <summary>How an OpenCL accelerator is created: which device, the team size, the problems per
/// work-group and the chunk size.</summary>
public sealed record OpenCLSettings
{
    /// <summary>The defaults: the first GPU, else the first device; the device's default team
    /// size and problems per work-group.</summary>
    public static OpenCLSettings Default { get; } = new();

    /// <summary>The index into <see cref="OpenCLDevice.Discover(out string)"/>'s list (GPUs
    /// first), or null for the first.</summary>
    public int? DeviceIndex { get; init; }

    /// <summary>The threads per problem (a power of two, at most the device's work-group
    /// limit), or null for <see cref="OpenCLDevice.DefaultTeamSize"/>.</summary>
    public int? TeamSize { get; init; }

    /// <summary>The problems one work-group fits side by side (sub-teams, 1 to 1024), or null for
    /// <see cref="OpenCLDevice.DefaultProblemsPerGroup"/>. Above 1 only with a team of one: a
    /// barrier spans the whole work-group, and the problems of a group leave their loops at
    /// different iterations. Results do not depend on it.</summary>
    public int? ProblemsPerGroup { get; init; }

    /// <summary>The most rows one launch fits, or null to size chunks from the device's memory.
    /// Results do not depend on it.</summary>
    public int? MaxChunkRows { get; init; }
}
