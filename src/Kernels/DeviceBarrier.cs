using ILGPU;
using ILGPU.IR.Intrinsics;

namespace GpuLm.Kernels;

/// <summary>The group barrier of the device kernels: every thread of the group waits, and
/// every write to shared and global memory before it is seen by every thread after it.</summary>
/// <remarks>
/// ILGPU 1.5.3 writes its own <see cref="Group.Barrier"/> for OpenCL as
/// <c>work_group_barrier(CLK_GLOBAL_MEM_FENCE)</c>, which orders global memory only: the
/// compiler may then keep a value of local (shared) memory in a register across the barrier,
/// and a thread reads a parameter another thread has just changed as it was. On PoCL this gave
/// forward-difference Jacobians wrong at teams of 4 and more, every row. This barrier is an
/// ILGPU intrinsic (<see cref="DeviceIntrinsics.Register"/>) written as
/// <c>barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE)</c> for OpenCL and as PTX's
/// <c>bar.sync 0</c> (which orders all memory of the block); on ILGPU's CPU accelerator its
/// body, <see cref="Group.Barrier"/>, runs.
/// </remarks>
public static class DeviceBarrier
{
    /// <summary>Waits for every thread of the group, with shared and global memory ordered.</summary>
    [IntrinsicImplementation]
    public static void Sync() => Group.Barrier();
}
