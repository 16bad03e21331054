namespace GpuLm.Host.Cuda;

/// <summary>A device's primary context, retained for as long as this object lives.</summary>
/// <remarks>
/// The primary context is the one the CUDA runtime (and so CuPy and PyTorch) use, so device
/// pointers they hand over are valid here. The driver binds a context to a thread, not to a
/// process: call <see cref="MakeCurrent"/> on every thread before it talks to the driver.
/// </remarks>
internal sealed class CudaContext : IDisposable
{
    private bool _disposed;

    private CudaContext(CudaApi api, int ordinal, int device, nint handle)
    {
        Api = api;
        Ordinal = ordinal;
        Device = device;
        Handle = handle;
    }

    /// <summary>The driver bindings.</summary>
    public CudaApi Api { get; }

    /// <summary>The device's ordinal.</summary>
    public int Ordinal { get; }

    /// <summary>The <c>CUdevice</c> handle.</summary>
    public int Device { get; }

    /// <summary>The <c>CUcontext</c> handle.</summary>
    public nint Handle { get; }

    /// <summary>Retains the primary context of device <paramref name="ordinal"/> and makes it current on the calling thread.</summary>
    /// <param name="api">The driver bindings (after a successful <c>cuInit</c>).</param>
    /// <param name="ordinal">The device's ordinal.</param>
    /// <returns>The context.</returns>
    /// <exception cref="CudaException">The driver refused.</exception>
    public static CudaContext Retain(CudaApi api, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.Check(api.Init(), "cuInit");
        int device = api.Device(ordinal);
        nint handle = api.RetainPrimaryContext(device);
        var context = new CudaContext(api, ordinal, device, handle);
        context.MakeCurrent();
        return context;
    }

    /// <summary>Binds the context to the calling thread (<c>cuCtxSetCurrent</c>).</summary>
    /// <exception cref="ObjectDisposedException">The context was released.</exception>
    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Api.SetCurrentContext(Handle);
    }

    /// <summary>Releases the primary context (<c>cuDevicePrimaryCtxRelease_v2</c>).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Api.ReleasePrimaryContext(Device);
    }
}
