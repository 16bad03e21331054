namespace GpuLm.Host;

/// <summary>The kinds of accelerator GpuLm fits batches on.</summary>
public enum AcceleratorKind
{
    /// <summary>Every core of this machine; always available, and the oracle the others are checked against.</summary>
    Cpu,

    /// <summary>An OpenCL device (GPU, or CPU through PoCL).</summary>
    OpenCL,

    /// <summary>An NVIDIA GPU through the CUDA driver API and NVRTC.</summary>
    Cuda,

    /// <summary>ILGPU's CPU accelerator running GpuLm's device kernel: the kernel's test bench,
    /// for debugging it without a GPU; the native <see cref="Cpu"/> accelerator is the fast CPU path.</summary>
    IlgpuCpu,
}
