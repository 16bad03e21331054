using GpuLm.Host.Cuda;
using Xunit;

namespace GpuLm.Tests.Cuda;

public sealed class CudaExceptionTests
{
    [Theory]
    [InlineData(0, "CUDA_SUCCESS")]
    [InlineData(2, "CUDA_ERROR_OUT_OF_MEMORY")]
    [InlineData(34, "CUDA_ERROR_STUB_LIBRARY")]
    [InlineData(100, "CUDA_ERROR_NO_DEVICE")]
    [InlineData(209, "CUDA_ERROR_NO_BINARY_FOR_GPU")]
    [InlineData(222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION")]
    [InlineData(700, "CUDA_ERROR_ILLEGAL_ADDRESS")]
    [InlineData(12345, "CUDA_ERROR_12345")]
    public void ResultName_DriverCode_CudaHeaderName(int result, string name)
    {
        Assert.Equal(name, CudaException.ResultName(result));
    }

    [Theory]
    [InlineData(0, "NVRTC_SUCCESS")]
    [InlineData(5, "NVRTC_ERROR_INVALID_OPTION")]
    [InlineData(6, "NVRTC_ERROR_COMPILATION")]
    [InlineData(99, "NVRTC_ERROR_99")]
    public void NvrtcResultName_NvrtcCode_NvrtcHeaderName(int result, string name)
    {
        Assert.Equal(name, CudaException.NvrtcResultName(result));
    }

    [Fact]
    public void ForDriverCall_OutOfMemory_MessageNamesCallCodeAndDescription()
    {
        CudaException e = CudaException.ForDriverCall(2, "cuMemAlloc_v2", "CUDA_ERROR_OUT_OF_MEMORY", "out of memory");

        Assert.Equal("cuMemAlloc_v2 failed: CUDA_ERROR_OUT_OF_MEMORY (out of memory) [2].", e.Message);
        Assert.Equal(2, e.Result);
        Assert.Equal("CUDA_ERROR_OUT_OF_MEMORY", e.ErrorName);
    }

    [Fact]
    public void Describe_NoDescription_NameAndCodeOnly()
    {
        Assert.Equal("CUDA_ERROR_NO_DEVICE [100]", CudaException.Describe(100, "CUDA_ERROR_NO_DEVICE", string.Empty));
    }

    [Fact]
    public void Argument_ScalarKinds_ValueInTheLowBytesOfTheSlot()
    {
        Assert.Equal(0xFFFF_FFFFUL, CudaApi.Argument(-1));
        Assert.Equal(0x3FC0_0000UL, CudaApi.Argument(1.5f));
        Assert.Equal(0x3FF8_0000_0000_0000UL, CudaApi.Argument(1.5));
    }
}
