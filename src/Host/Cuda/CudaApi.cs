using System.Runtime.InteropServices;
using System.Text;

namespace GpuLm.Host.Cuda;

/// <summary>
/// The CUDA driver API entry points GpuLm uses, bound by function pointer from the
/// <c>libcuda.so.1</c> that <see cref="TryLoad"/> finds.
/// </summary>
/// <remarks>
/// The driver is probed as <c>libcuda.so.1</c> (what the NVIDIA driver installs), then
/// <c>libcuda.so</c>, or as the path <c>GPULM_CUDA_LIBRARY</c> names. Entry points that cuda.h
/// renames to a versioned symbol are bound by that symbol (<c>cuMemAlloc_v2</c>,
/// <c>cuMemcpyHtoD_v2</c>, <c>cuDevicePrimaryCtxRelease_v2</c>, ...): the unversioned exports
/// are the 32-bit-pointer originals kept for old binaries. Device pointers are 64-bit
/// (<c>CUdeviceptr</c> = <see cref="ulong"/>). Calls that need a context work on the calling
/// thread's current one: make the primary context current on every thread
/// (<see cref="SetCurrentContext"/>), since the thread pool and xunit switch threads.
/// </remarks>
internal sealed unsafe class CudaApi
{
    /// <summary>The environment variable that names the driver library to use instead of the usual names.</summary>
    public const string LibraryVariable = "GPULM_CUDA_LIBRARY";

    public const int Success = 0;
    public const int AttributeMaxThreadsPerBlock = 1;
    public const int AttributeMaxSharedMemoryPerBlock = 8;
    public const int AttributeWarpSize = 10;
    public const int AttributeMultiprocessorCount = 16;
    public const int AttributeComputeCapabilityMajor = 75;
    public const int AttributeComputeCapabilityMinor = 76;
    public const int AttributeMaxSharedMemoryPerBlockOptIn = 97;

    private const int JitErrorLogBuffer = 5;
    private const int JitErrorLogBufferSizeBytes = 6;
    private const int JitLogBytes = 16384;

    /// <summary>The names probed when <see cref="LibraryVariable"/> is unset.</summary>
    public static readonly string[] DefaultNames = ["libcuda.so.1", "libcuda.so"];

    private static readonly Lazy<(CudaApi? Api, string Reason)> s_default = new(() =>
    {
        string? named = Environment.GetEnvironmentVariable(LibraryVariable);
        return TryLoad(string.IsNullOrWhiteSpace(named) ? DefaultNames : [named.Trim()], out CudaApi? api, out string reason)
            ? (api, string.Empty)
            : (null, reason);
    });

    private readonly delegate* unmanaged<uint, int> _init;
    private readonly delegate* unmanaged<int*, int> _driverGetVersion;
    private readonly delegate* unmanaged<int, byte**, int> _getErrorName;
    private readonly delegate* unmanaged<int, byte**, int> _getErrorString;
    private readonly delegate* unmanaged<int*, int> _deviceGetCount;
    private readonly delegate* unmanaged<int*, int, int> _deviceGet;
    private readonly delegate* unmanaged<byte*, int, int, int> _deviceGetName;
    private readonly delegate* unmanaged<nuint*, int, int> _deviceTotalMem;
    private readonly delegate* unmanaged<int*, int, int, int> _deviceGetAttribute;
    private readonly delegate* unmanaged<nint*, int, int> _primaryCtxRetain;
    private readonly delegate* unmanaged<int, int> _primaryCtxRelease;
    private readonly delegate* unmanaged<nint, int> _ctxSetCurrent;
    private readonly delegate* unmanaged<int> _ctxSynchronize;
    private readonly delegate* unmanaged<nuint*, nuint*, int> _memGetInfo;
    private readonly delegate* unmanaged<ulong*, nuint, int> _memAlloc;
    private readonly delegate* unmanaged<ulong, int> _memFree;
    private readonly delegate* unmanaged<ulong, void*, nuint, int> _memcpyHtoD;
    private readonly delegate* unmanaged<void*, ulong, nuint, int> _memcpyDtoH;
    private readonly delegate* unmanaged<ulong, void*, nuint, nint, int> _memcpyHtoDAsync;
    private readonly delegate* unmanaged<void*, ulong, nuint, nint, int> _memcpyDtoHAsync;
    private readonly delegate* unmanaged<nint*, uint, int> _streamCreate;
    private readonly delegate* unmanaged<nint, int> _streamDestroy;
    private readonly delegate* unmanaged<nint, int> _streamSynchronize;
    private readonly delegate* unmanaged<nint*, void*, uint, int*, void**, int> _moduleLoadDataEx;
    private readonly delegate* unmanaged<nint*, nint, byte*, int> _moduleGetFunction;
    private readonly delegate* unmanaged<nint, int> _moduleUnload;
    private readonly delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int> _launchKernel;

    private CudaApi(nint library, string name)
    {
        LibraryName = name;
        _init = (delegate* unmanaged<uint, int>)Bind(library, name, "cuInit");
        _driverGetVersion = (delegate* unmanaged<int*, int>)Bind(library, name, "cuDriverGetVersion");
        _getErrorName = (delegate* unmanaged<int, byte**, int>)Bind(library, name, "cuGetErrorName");
        _getErrorString = (delegate* unmanaged<int, byte**, int>)Bind(library, name, "cuGetErrorString");
        _deviceGetCount = (delegate* unmanaged<int*, int>)Bind(library, name, "cuDeviceGetCount");
        _deviceGet = (delegate* unmanaged<int*, int, int>)Bind(library, name, "cuDeviceGet");
        _deviceGetName = (delegate* unmanaged<byte*, int, int, int>)Bind(library, name, "cuDeviceGetName");
        _deviceTotalMem = (delegate* unmanaged<nuint*, int, int>)Bind(library, name, "cuDeviceTotalMem_v2");
        _deviceGetAttribute = (delegate* unmanaged<int*, int, int, int>)Bind(library, name, "cuDeviceGetAttribute");
        _primaryCtxRetain = (delegate* unmanaged<nint*, int, int>)Bind(library, name, "cuDevicePrimaryCtxRetain");
        _primaryCtxRelease = (delegate* unmanaged<int, int>)Bind(library, name, "cuDevicePrimaryCtxRelease_v2");
        _ctxSetCurrent = (delegate* unmanaged<nint, int>)Bind(library, name, "cuCtxSetCurrent");
        _ctxSynchronize = (delegate* unmanaged<int>)Bind(library, name, "cuCtxSynchronize");
        _memGetInfo = (delegate* unmanaged<nuint*, nuint*, int>)Bind(library, name, "cuMemGetInfo_v2");
        _memAlloc = (delegate* unmanaged<ulong*, nuint, int>)Bind(library, name, "cuMemAlloc_v2");
        _memFree = (delegate* unmanaged<ulong, int>)Bind(library, name, "cuMemFree_v2");
        _memcpyHtoD = (delegate* unmanaged<ulong, void*, nuint, int>)Bind(library, name, "cuMemcpyHtoD_v2");
        _memcpyDtoH = (delegate* unmanaged<void*, ulong, nuint, int>)Bind(library, name, "cuMemcpyDtoH_v2");
        _memcpyHtoDAsync = (delegate* unmanaged<ulong, void*, nuint, nint, int>)Bind(library, name, "cuMemcpyHtoDAsync_v2");
        _memcpyDtoHAsync = (delegate* unmanaged<void*, ulong, nuint, nint, int>)Bind(library, name, "cuMemcpyDtoHAsync_v2");
        _streamCreate = (delegate* unmanaged<nint*, uint, int>)Bind(library, name, "cuStreamCreate");
        _streamDestroy = (delegate* unmanaged<nint, int>)Bind(library, name, "cuStreamDestroy_v2");
        _streamSynchronize = (delegate* unmanaged<nint, int>)Bind(library, name, "cuStreamSynchronize");
        _moduleLoadDataEx = (delegate* unmanaged<nint*, void*, uint, int*, void**, int>)Bind(library, name, "cuModuleLoadDataEx");
        _moduleGetFunction = (delegate* unmanaged<nint*, nint, byte*, int>)Bind(library, name, "cuModuleGetFunction");
        _moduleUnload = (delegate* unmanaged<nint, int>)Bind(library, name, "cuModuleUnload");
        _launchKernel = (delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int>)Bind(library, name, "cuLaunchKernel");
    }

    /// <summary>The name or path the driver library was loaded by.</summary>
    public string LibraryName { get; }

    /// <summary>The process's driver, probed once: the API, or null and why.</summary>
    public static (CudaApi? Api, string Reason) Default => s_default.Value;

    /// <summary>Loads the first of <paramref name="names"/> that exists and binds its entry points.</summary>
    /// <param name="names">Library names or paths, tried in order.</param>
    /// <param name="api">The bindings, or null.</param>
    /// <param name="reason">Why none was bound, or empty: "libcuda.so.1 not found (no NVIDIA driver ...)",
    /// or which entry point a library that loaded lacks.</param>
    /// <returns>Whether a driver was bound.</returns>
    public static bool TryLoad(IReadOnlyList<string> names, out CudaApi? api, out string reason)
    {
        var failures = new List<string>();
        foreach (string name in names)
        {
            nint handle;
            if (Path.IsPathRooted(name))
            {
                if (!CudaNativeLibrary.TryLoadFile(name, out handle, out string why))
                {
                    failures.Add($"{name}: {why}");
                    continue;
                }
            }
            else if (!CudaNativeLibrary.TryLoadName(name, out handle))
            {
                failures.Add($"{name}: not found");
                continue;
            }

            try
            {
                api = new CudaApi(handle, name);
                reason = string.Empty;
                return true;
            }
            catch (EntryPointNotFoundException e)
            {
                NativeLibrary.Free(handle);
                api = null;
                reason = $"{e.Message}: not a CUDA driver, or one too old for GpuLm (CUDA 11 or later is needed)";
                return false;
            }
        }

        api = null;
        reason = names.Count > 0 && names[0] == DefaultNames[0]
            ? $"{DefaultNames[0]} not found (no NVIDIA driver; also tried {string.Join(", ", names.Skip(1))})"
            : $"no CUDA driver: {string.Join("; ", failures)}";
        return false;
    }

    /// <summary><c>cuInit(0)</c>; returns the result rather than throwing, for discovery.</summary>
    public int Init() => _init(0);

    /// <summary>The driver's CUDA version, e.g. 13000 for 13.0.</summary>
    public int DriverVersion()
    {
        int version = 0;
        Check(_driverGetVersion(&version), "cuDriverGetVersion");
        return version;
    }

    /// <summary><c>cuDeviceGetCount</c>; the result rather than an exception, for discovery.</summary>
    public int TryDeviceCount(out int count)
    {
        int value = 0;
        int result = _deviceGetCount(&value);
        count = value;
        return result;
    }

    /// <summary>The device handle of <paramref name="ordinal"/>.</summary>
    public int Device(int ordinal)
    {
        int device = 0;
        Check(_deviceGet(&device, ordinal), "cuDeviceGet");
        return device;
    }

    public string DeviceName(int device)
    {
        byte* name = stackalloc byte[256];
        Check(_deviceGetName(name, 256, device), "cuDeviceGetName");
        return Marshal.PtrToStringUTF8((nint)name)?.Trim() ?? string.Empty;
    }

    public long DeviceTotalMemory(int device)
    {
        nuint bytes = 0;
        Check(_deviceTotalMem(&bytes, device), "cuDeviceTotalMem_v2");
        return (long)bytes;
    }

    public int DeviceAttribute(int device, int attribute)
    {
        int value = 0;
        Check(_deviceGetAttribute(&value, attribute, device), "cuDeviceGetAttribute");
        return value;
    }

    /// <summary>Retains the device's primary context (shared with every other user of the device in this process).</summary>
    public nint RetainPrimaryContext(int device)
    {
        nint context = 0;
        Check(_primaryCtxRetain(&context, device), "cuDevicePrimaryCtxRetain");
        return context;
    }

    public void ReleasePrimaryContext(int device) => Check(_primaryCtxRelease(device), "cuDevicePrimaryCtxRelease_v2");

    /// <summary>Binds <paramref name="context"/> to the calling thread.</summary>
    public void SetCurrentContext(nint context) => Check(_ctxSetCurrent(context), "cuCtxSetCurrent");

    public void Synchronize() => Check(_ctxSynchronize(), "cuCtxSynchronize");

    /// <summary>Free and total memory of the current context's device.</summary>
    public (long Free, long Total) MemoryInfo()
    {
        nuint free = 0;
        nuint total = 0;
        Check(_memGetInfo(&free, &total), "cuMemGetInfo_v2");
        return ((long)free, (long)total);
    }

    /// <summary>Allocates <paramref name="bytes"/> (at least 1) of device memory.</summary>
    public ulong Allocate(long bytes)
    {
        ulong pointer = 0;
        Check(_memAlloc(&pointer, (nuint)Math.Max(bytes, 1)), "cuMemAlloc_v2");
        return pointer;
    }

    public void Free(ulong pointer)
    {
        if (pointer != 0)
        {
            Check(_memFree(pointer), "cuMemFree_v2");
        }
    }

    public void CopyToDevice<T>(ulong destination, ReadOnlySpan<T> source)
        where T : unmanaged
    {
        if (source.IsEmpty)
        {
            return;
        }

        fixed (T* p = source)
        {
            Check(_memcpyHtoD(destination, p, (nuint)((long)source.Length * sizeof(T))), "cuMemcpyHtoD_v2");
        }
    }

    public void CopyToHost<T>(Span<T> destination, ulong source)
        where T : unmanaged
    {
        if (destination.IsEmpty)
        {
            return;
        }

        fixed (T* p = destination)
        {
            Check(_memcpyDtoH(p, source, (nuint)((long)destination.Length * sizeof(T))), "cuMemcpyDtoH_v2");
        }
    }

    /// <summary>Queues a copy to the device; <paramref name="source"/> must stay valid (pinned) until the stream is synchronized.</summary>
    public void CopyToDeviceAsync(ulong destination, void* source, long bytes, nint stream) =>
        Check(_memcpyHtoDAsync(destination, source, (nuint)bytes, stream), "cuMemcpyHtoDAsync_v2");

    /// <summary>Queues a copy to the host; <paramref name="destination"/> must stay valid (pinned) until the stream is synchronized.</summary>
    public void CopyToHostAsync(void* destination, ulong source, long bytes, nint stream) =>
        Check(_memcpyDtoHAsync(destination, source, (nuint)bytes, stream), "cuMemcpyDtoHAsync_v2");

    /// <summary>Creates a stream that does not synchronize with the legacy default stream (<c>CU_STREAM_NON_BLOCKING</c>).</summary>
    public nint CreateStream()
    {
        nint stream = 0;
        Check(_streamCreate(&stream, 1), "cuStreamCreate");
        return stream;
    }

    public void DestroyStream(nint stream)
    {
        if (stream != 0)
        {
            Check(_streamDestroy(stream), "cuStreamDestroy_v2");
        }
    }

    public void SynchronizeStream(nint stream) => Check(_streamSynchronize(stream), "cuStreamSynchronize");

    /// <summary>Loads a CUBIN or a NUL-terminated PTX image into the current context; a PTX the
    /// driver cannot JIT-compile throws with the JIT's error log.</summary>
    public nint LoadModule(ReadOnlySpan<byte> image)
    {
        if (image.IsEmpty)
        {
            throw new ArgumentException("The module image is empty.", nameof(image));
        }

        byte* log = stackalloc byte[JitLogBytes];
        log[0] = 0;
        int* options = stackalloc int[2] { JitErrorLogBuffer, JitErrorLogBufferSizeBytes };
        void** values = stackalloc void*[2] { log, (void*)(nuint)JitLogBytes };
        nint module = 0;
        int result;
        fixed (byte* p = image)
        {
            result = _moduleLoadDataEx(&module, p, 2, options, values);
        }

        if (result != Success)
        {
            string jitLog = Marshal.PtrToStringUTF8((nint)log)?.Trim() ?? string.Empty;
            CudaException error = Error(result, "cuModuleLoadDataEx");
            throw jitLog.Length == 0 ? error : new CudaException(result, error.ErrorName, $"{error.Message}\n{jitLog}");
        }

        return module;
    }

    public nint ModuleFunction(nint module, string name)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(name + "\0");
        nint function = 0;
        fixed (byte* p = bytes)
        {
            Check(_moduleGetFunction(&function, module, p), "cuModuleGetFunction");
        }

        return function;
    }

    public void UnloadModule(nint module)
    {
        if (module != 0)
        {
            Check(_moduleUnload(module), "cuModuleUnload");
        }
    }

    /// <summary>Launches a one-dimensional grid. Each kernel argument sits in its own 8-byte slot of
    /// <paramref name="arguments"/> (see <see cref="Argument(int)"/> and its overloads): the driver
    /// reads as many bytes from a slot as the parameter has, and a little-endian slot begins with
    /// the value's bytes, so int, float, double and device pointers all fit.</summary>
    public void Launch(nint function, uint blocks, uint threadsPerBlock, uint sharedBytes, nint stream, ReadOnlySpan<ulong> arguments)
    {
        void** parameters = stackalloc void*[Math.Max(arguments.Length, 1)];
        fixed (ulong* slots = arguments)
        {
            for (int i = 0; i < arguments.Length; i++)
            {
                parameters[i] = slots + i;
            }

            Check(_launchKernel(function, blocks, 1, 1, threadsPerBlock, 1, 1, sharedBytes, stream, parameters, null), "cuLaunchKernel");
        }
    }

    /// <summary>A kernel argument slot for an int.</summary>
    public static ulong Argument(int value) => (uint)value;

    /// <summary>A kernel argument slot for a float.</summary>
    public static ulong Argument(float value) => BitConverter.SingleToUInt32Bits(value);

    /// <summary>A kernel argument slot for a double.</summary>
    public static ulong Argument(double value) => BitConverter.DoubleToUInt64Bits(value);

    /// <summary>The driver's name for a result code (<c>cuGetErrorName</c>), or the cuda.h name where the driver does not know it.</summary>
    public string ErrorName(int result)
    {
        byte* text = null;
        return _getErrorName(result, &text) == Success && text != null
            ? Marshal.PtrToStringUTF8((nint)text) ?? CudaException.ResultName(result)
            : CudaException.ResultName(result);
    }

    /// <summary>The driver's description of a result code (<c>cuGetErrorString</c>), or empty.</summary>
    public string ErrorString(int result)
    {
        byte* text = null;
        return _getErrorString(result, &text) == Success && text != null
            ? Marshal.PtrToStringUTF8((nint)text) ?? string.Empty
            : string.Empty;
    }

    /// <summary>"NAME (description) [code]" for a result code.</summary>
    public string Describe(int result) => CudaException.Describe(result, ErrorName(result), ErrorString(result));

    /// <summary>Throws <see cref="CudaException"/> where <paramref name="result"/> is an error.</summary>
    public void Check(int result, string call)
    {
        if (result != Success)
        {
            throw Error(result, call);
        }
    }

    private CudaException Error(int result, string call) =>
        CudaException.ForDriverCall(result, call, ErrorName(result), ErrorString(result));

    private static nint Bind(nint library, string libraryName, string name) =>
        CudaNativeLibrary.Export(library, libraryName, name);
}
