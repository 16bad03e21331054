using GpuLm.Host.Cuda;
using Xunit;

namespace GpuLm.Tests.Cuda;

/// <summary>The whole driver path on a real device: NVRTC, module, memory, launch, copy back.</summary>
public sealed class CudaKernelTests
{
    // a*b + a: with FMA contraction the device would round once, not twice, and differ from the host.
    private const string Source = """
        extern "C" __global__ void multiply_add(const double* a, const double* b, double* c, int n)
        {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n)
            {
                c[i] = a[i] * b[i] + a[i];
            }
        }
        """;

    [CudaFact]
    public void Launch_MultiplyAddKernel_MatchesHostBitForBit()
    {
        CudaDeviceInfo device = CudaAvailability.Devices[0];
        CudaApi api = CudaApi.Default.Api!;
        NvrtcApi nvrtc = NvrtcApi.Default.Api!;
        Assert.True(CudaCompileOptions.TrySelect(device.ComputeCapabilityMajor, device.ComputeCapabilityMinor, nvrtc.Capabilities, null, out CudaCompileOptions? options, out string reason), reason);
        NvrtcImage image = nvrtc.Compile(Source, "multiply_add.cu", options);

        const int n = 100_003;
        var random = new Random(20240607);
        double[] a = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] b = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var c = new double[n];

        using CudaContext context = CudaContext.Retain(api, device.Ordinal);
        nint module = api.LoadModule(image.Image);
        ulong da = api.Allocate(n * sizeof(double));
        ulong db = api.Allocate(n * sizeof(double));
        ulong dc = api.Allocate(n * sizeof(double));
        try
        {
            api.CopyToDevice<double>(da, a);
            api.CopyToDevice<double>(db, b);
            nint function = api.ModuleFunction(module, "multiply_add");
            const uint threads = 256;
            api.Launch(function, (n + threads - 1) / threads, threads, 0, 0, [da, db, dc, CudaApi.Argument(n)]);
            api.Synchronize();
            api.CopyToHost<double>(c, dc);
        }
        finally
        {
            api.Free(da);
            api.Free(db);
            api.Free(dc);
            api.UnloadModule(module);
        }

        for (int i = 0; i < n; i++)
        {
            double expected = (a[i] * b[i]) + a[i];
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(c[i]),
                $"row {i}: device {c[i]:R}, host {expected:R} ({options.ArchitectureName}, {string.Join(' ', options.Flags)})");
        }
    }
}
