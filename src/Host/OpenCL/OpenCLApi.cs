using System.Runtime.InteropServices;
using System.Text;

namespace GpuLm.Host.OpenCL;

/// <summary>
/// The OpenCL 1.2 entry points GpuLm uses, bound by function pointer from the ICD loader that
/// <see cref="TryLoad"/> finds.
/// </summary>
/// <remarks>
/// .NET's default probing for "OpenCL" misses Debian's <c>libOpenCL.so.1</c> (the unversioned
/// name comes only with the -dev package), so the loader is probed by its usual names:
/// <c>libOpenCL.so.1</c>, <c>libOpenCL.so</c>, <c>OpenCL.dll</c>, or the one named by
/// <c>GPULM_OPENCL_LIBRARY</c>. Every call checks its status and throws
/// <see cref="OpenCLException"/> with the entry point and the error's name.
/// </remarks>
internal sealed unsafe class OpenCLApi
{
    /// <summary>The environment variable that names the loader to use instead of the usual names.</summary>
    public const string LibraryVariable = "GPULM_OPENCL_LIBRARY";

    public const int Success = 0;
    public const int PlatformNotFoundKhr = -1001;
    public const int DeviceNotFound = -1;
    public const int BuildProgramFailure = -11;

    public const uint PlatformName = 0x0902;
    public const uint PlatformVendor = 0x0903;
    public const uint PlatformVersion = 0x0901;
    public const ulong DeviceTypeAll = 0xFFFFFFFF;
    public const ulong DeviceTypeCpu = 1 << 1;
    public const ulong DeviceTypeGpu = 1 << 2;
    public const uint DeviceType = 0x1000;
    public const uint DeviceMaxComputeUnits = 0x1002;
    public const uint DeviceMaxWorkGroupSize = 0x1004;
    public const uint DeviceGlobalMemSize = 0x101F;
    public const uint DeviceLocalMemSize = 0x1023;
    public const uint DeviceMaxMemAllocSize = 0x1010;
    public const uint DeviceName = 0x102B;
    public const uint DeviceVersion = 0x102F;
    public const uint DeviceExtensions = 0x1030;
    public const uint DeviceDoubleFpConfig = 0x1032;
    public const uint ProgramBuildLog = 0x1183;
    public const uint KernelWorkGroupSizeInfo = 0x11B0;
    public const ulong MemReadWrite = 1 << 0;

    /// <summary>The names probed when <see cref="LibraryVariable"/> is unset.</summary>
    public static readonly string[] DefaultNames = ["libOpenCL.so.1", "libOpenCL.so", "OpenCL.dll"];

    private static readonly Lazy<(OpenCLApi? Api, string Reason)> s_default = new(() =>
    {
        string? named = Environment.GetEnvironmentVariable(LibraryVariable);
        string[] names = string.IsNullOrWhiteSpace(named) ? DefaultNames : [named.Trim()];
        return TryLoad(names, out OpenCLApi? api, out string reason) ? (api, string.Empty) : (null, reason);
    });

    private readonly delegate* unmanaged<uint, nint*, uint*, int> _getPlatformIds;
    private readonly delegate* unmanaged<nint, uint, nuint, void*, nuint*, int> _getPlatformInfo;
    private readonly delegate* unmanaged<nint, ulong, uint, nint*, uint*, int> _getDeviceIds;
    private readonly delegate* unmanaged<nint, uint, nuint, void*, nuint*, int> _getDeviceInfo;
    private readonly delegate* unmanaged<nint*, uint, nint*, nint, nint, int*, nint> _createContext;
    private readonly delegate* unmanaged<nint, nint, ulong, int*, nint> _createCommandQueue;
    private readonly delegate* unmanaged<nint, uint, byte**, nuint*, int*, nint> _createProgramWithSource;
    private readonly delegate* unmanaged<nint, uint, nint*, byte*, nint, nint, int> _buildProgram;
    private readonly delegate* unmanaged<nint, nint, uint, nuint, void*, nuint*, int> _getProgramBuildInfo;
    private readonly delegate* unmanaged<nint, byte*, int*, nint> _createKernel;
    private readonly delegate* unmanaged<nint, uint, nuint, void*, int> _setKernelArg;
    private readonly delegate* unmanaged<nint, nint, uint, nuint, void*, nuint*, int> _getKernelWorkGroupInfo;
    private readonly delegate* unmanaged<nint, ulong, nuint, void*, int*, nint> _createBuffer;
    private readonly delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int> _enqueueWriteBuffer;
    private readonly delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int> _enqueueReadBuffer;
    private readonly delegate* unmanaged<nint, nint, uint, nuint*, nuint*, nuint*, uint, nint*, nint*, int> _enqueueNdRangeKernel;
    private readonly delegate* unmanaged<nint, int> _flush;
    private readonly delegate* unmanaged<nint, int> _finish;
    private readonly delegate* unmanaged<nint, int> _releaseMemObject;
    private readonly delegate* unmanaged<nint, int> _releaseKernel;
    private readonly delegate* unmanaged<nint, int> _releaseProgram;
    private readonly delegate* unmanaged<nint, int> _releaseCommandQueue;
    private readonly delegate* unmanaged<nint, int> _releaseContext;

    private OpenCLApi(nint library, string name)
    {
        LibraryName = name;
        _getPlatformIds = (delegate* unmanaged<uint, nint*, uint*, int>)Export(library, "clGetPlatformIDs");
        _getPlatformInfo = (delegate* unmanaged<nint, uint, nuint, void*, nuint*, int>)Export(library, "clGetPlatformInfo");
        _getDeviceIds = (delegate* unmanaged<nint, ulong, uint, nint*, uint*, int>)Export(library, "clGetDeviceIDs");
        _getDeviceInfo = (delegate* unmanaged<nint, uint, nuint, void*, nuint*, int>)Export(library, "clGetDeviceInfo");
        _createContext = (delegate* unmanaged<nint*, uint, nint*, nint, nint, int*, nint>)Export(library, "clCreateContext");
        _createCommandQueue = (delegate* unmanaged<nint, nint, ulong, int*, nint>)Export(library, "clCreateCommandQueue");
        _createProgramWithSource = (delegate* unmanaged<nint, uint, byte**, nuint*, int*, nint>)Export(library, "clCreateProgramWithSource");
        _buildProgram = (delegate* unmanaged<nint, uint, nint*, byte*, nint, nint, int>)Export(library, "clBuildProgram");
        _getProgramBuildInfo = (delegate* unmanaged<nint, nint, uint, nuint, void*, nuint*, int>)Export(library, "clGetProgramBuildInfo");
        _createKernel = (delegate* unmanaged<nint, byte*, int*, nint>)Export(library, "clCreateKernel");
        _setKernelArg = (delegate* unmanaged<nint, uint, nuint, void*, int>)Export(library, "clSetKernelArg");
        _getKernelWorkGroupInfo = (delegate* unmanaged<nint, nint, uint, nuint, void*, nuint*, int>)Export(library, "clGetKernelWorkGroupInfo");
        _createBuffer = (delegate* unmanaged<nint, ulong, nuint, void*, int*, nint>)Export(library, "clCreateBuffer");
        _enqueueWriteBuffer = (delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int>)Export(library, "clEnqueueWriteBuffer");
        _enqueueReadBuffer = (delegate* unmanaged<nint, nint, uint, nuint, nuint, void*, uint, nint*, nint*, int>)Export(library, "clEnqueueReadBuffer");
        _enqueueNdRangeKernel = (delegate* unmanaged<nint, nint, uint, nuint*, nuint*, nuint*, uint, nint*, nint*, int>)Export(library, "clEnqueueNDRangeKernel");
        _flush = (delegate* unmanaged<nint, int>)Export(library, "clFlush");
        _finish = (delegate* unmanaged<nint, int>)Export(library, "clFinish");
        _releaseMemObject = (delegate* unmanaged<nint, int>)Export(library, "clReleaseMemObject");
        _releaseKernel = (delegate* unmanaged<nint, int>)Export(library, "clReleaseKernel");
        _releaseProgram = (delegate* unmanaged<nint, int>)Export(library, "clReleaseProgram");
        _releaseCommandQueue = (delegate* unmanaged<nint, int>)Export(library, "clReleaseCommandQueue");
        _releaseContext = (delegate* unmanaged<nint, int>)Export(library, "clReleaseContext");
    }

    /// <summary>The name the loader was found by.</summary>
    public string LibraryName { get; }

    /// <summary>The process's loader, probed once: the API, or null and why.</summary>
    public static (OpenCLApi? Api, string Reason) Default => s_default.Value;

    /// <summary>Loads the first of <paramref name="names"/> that exists and binds its entry points.</summary>
    /// <param name="names">Library names or paths, tried in order.</param>
    /// <param name="api">The bindings, or null.</param>
    /// <param name="reason">Why none was loaded, or empty.</param>
    /// <returns>Whether a loader was bound.</returns>
    public static bool TryLoad(IReadOnlyList<string> names, out OpenCLApi? api, out string reason)
    {
        foreach (string name in names)
        {
            if (!NativeLibrary.TryLoad(name, typeof(OpenCLApi).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out nint handle)
                && !NativeLibrary.TryLoad(name, out handle))
            {
                continue;
            }

            try
            {
                api = new OpenCLApi(handle, name);
                reason = string.Empty;
                return true;
            }
            catch (EntryPointNotFoundException e)
            {
                api = null;
                reason = $"{name} was loaded but is not an OpenCL loader: {e.Message}";
                return false;
            }
        }

        api = null;
        reason = names.Count == 1
            ? $"{names[0]} not found"
            : $"{names[0]} not found (also tried {string.Join(", ", names.Skip(1))}); install an OpenCL ICD loader and a driver (Debian: ocl-icd-libopencl1 and pocl-opencl-icd for the CPU)";
        return false;
    }

    /// <summary>The platforms, or an empty list where the loader finds none.</summary>
    public nint[] Platforms()
    {
        uint count = 0;
        int status = _getPlatformIds(0, null, &count);
        if (status == PlatformNotFoundKhr || count == 0)
        {
            return [];
        }

        Check(status, "clGetPlatformIDs");
        var ids = new nint[count];
        fixed (nint* p = ids)
        {
            Check(_getPlatformIds(count, p, null), "clGetPlatformIDs");
        }

        return ids;
    }

    /// <summary>The devices of <paramref name="platform"/>, or an empty list.</summary>
    public nint[] Devices(nint platform)
    {
        uint count = 0;
        int status = _getDeviceIds(platform, DeviceTypeAll, 0, null, &count);
        if (status == DeviceNotFound || count == 0)
        {
            return [];
        }

        Check(status, "clGetDeviceIDs");
        var ids = new nint[count];
        fixed (nint* p = ids)
        {
            Check(_getDeviceIds(platform, DeviceTypeAll, count, p, null), "clGetDeviceIDs");
        }

        return ids;
    }

    public string PlatformString(nint platform, uint param)
    {
        nuint size = 0;
        Check(_getPlatformInfo(platform, param, 0, null, &size), "clGetPlatformInfo");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            Check(_getPlatformInfo(platform, param, size, p, null), "clGetPlatformInfo");
        }

        return Decode(bytes);
    }

    public string DeviceString(nint device, uint param)
    {
        nuint size = 0;
        Check(_getDeviceInfo(device, param, 0, null, &size), "clGetDeviceInfo");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            Check(_getDeviceInfo(device, param, size, p, null), "clGetDeviceInfo");
        }

        return Decode(bytes);
    }

    public ulong DeviceULong(nint device, uint param)
    {
        ulong value = 0;
        Check(_getDeviceInfo(device, param, sizeof(ulong), &value, null), "clGetDeviceInfo");
        return value;
    }

    public uint DeviceUInt(nint device, uint param)
    {
        uint value = 0;
        Check(_getDeviceInfo(device, param, sizeof(uint), &value, null), "clGetDeviceInfo");
        return value;
    }

    public nuint DeviceSize(nint device, uint param)
    {
        nuint value = 0;
        Check(_getDeviceInfo(device, param, (nuint)sizeof(nuint), &value, null), "clGetDeviceInfo");
        return value;
    }

    public nint CreateContext(nint device)
    {
        int status = 0;
        nint context = _createContext(null, 1, &device, 0, 0, &status);
        Check(status, "clCreateContext");
        return context;
    }

    public nint CreateQueue(nint context, nint device)
    {
        int status = 0;
        nint queue = _createCommandQueue(context, device, 0, &status);
        Check(status, "clCreateCommandQueue");
        return queue;
    }

    /// <summary>Creates and builds a program; on a build failure returns the status and the log.</summary>
    public (nint Program, int Status, string Log) BuildProgram(nint context, nint device, string source, string options)
    {
        byte[] text = Encoding.UTF8.GetBytes(source);
        byte[] flags = Encoding.UTF8.GetBytes(options + "\0");
        int status = 0;
        nint program;
        fixed (byte* p = text)
        {
            byte* strings = p;
            nuint length = (nuint)text.Length;
            program = _createProgramWithSource(context, 1, &strings, &length, &status);
        }

        Check(status, "clCreateProgramWithSource");
        fixed (byte* f = flags)
        {
            status = _buildProgram(program, 1, &device, f, 0, 0);
        }

        string log = BuildLog(program, device);
        return (program, status, log);
    }

    public nint CreateKernel(nint program, string name)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(name + "\0");
        int status = 0;
        nint kernel;
        fixed (byte* p = bytes)
        {
            kernel = _createKernel(program, p, &status);
        }

        Check(status, "clCreateKernel");
        return kernel;
    }

    public nuint KernelWorkGroupSize(nint kernel, nint device)
    {
        nuint value = 0;
        Check(_getKernelWorkGroupInfo(kernel, device, KernelWorkGroupSizeInfo, (nuint)sizeof(nuint), &value, null), "clGetKernelWorkGroupInfo");
        return value;
    }

    public void SetArg<T>(nint kernel, uint index, T value)
        where T : unmanaged
    {
        Check(_setKernelArg(kernel, index, (nuint)sizeof(T), &value), "clSetKernelArg");
    }

    public nint CreateBuffer(nint context, long bytes)
    {
        int status = 0;
        nint buffer = _createBuffer(context, MemReadWrite, (nuint)Math.Max(bytes, 16), null, &status);
        Check(status, "clCreateBuffer");
        return buffer;
    }

    public void Write<T>(nint queue, nint buffer, ReadOnlySpan<T> data)
        where T : unmanaged
    {
        if (data.IsEmpty)
        {
            return;
        }

        fixed (T* p = data)
        {
            Check(_enqueueWriteBuffer(queue, buffer, 1, 0, (nuint)(data.Length * sizeof(T)), p, 0, null, null), "clEnqueueWriteBuffer");
        }
    }

    public void Read<T>(nint queue, nint buffer, Span<T> data)
        where T : unmanaged
    {
        if (data.IsEmpty)
        {
            return;
        }

        fixed (T* p = data)
        {
            Check(_enqueueReadBuffer(queue, buffer, 1, 0, (nuint)(data.Length * sizeof(T)), p, 0, null, null), "clEnqueueReadBuffer");
        }
    }

    /// <summary>Enqueues <paramref name="groups"/> work-groups of <paramref name="groupSize"/> work-items
    /// and submits the queue to the device without waiting for it.</summary>
    public void Launch(nint queue, nint kernel, long groups, int groupSize)
    {
        nuint global = (nuint)(groups * groupSize);
        nuint local = (nuint)groupSize;
        Check(_enqueueNdRangeKernel(queue, kernel, 1, null, &global, &local, 0, null, null), "clEnqueueNDRangeKernel");
        Check(_flush(queue), "clFlush");
    }

    public void Finish(nint queue) => Check(_finish(queue), "clFinish");

    public void ReleaseMemObject(nint handle) => _ = handle == 0 ? 0 : _releaseMemObject(handle);

    public void ReleaseKernel(nint handle) => _ = handle == 0 ? 0 : _releaseKernel(handle);

    public void ReleaseProgram(nint handle) => _ = handle == 0 ? 0 : _releaseProgram(handle);

    public void ReleaseCommandQueue(nint handle) => _ = handle == 0 ? 0 : _releaseCommandQueue(handle);

    public void ReleaseContext(nint handle) => _ = handle == 0 ? 0 : _releaseContext(handle);

    /// <summary>Throws <see cref="OpenCLException"/> where <paramref name="status"/> is an error.</summary>
    public static void Check(int status, string call)
    {
        if (status != Success)
        {
            throw OpenCLException.ForCall(status, call);
        }
    }

    private string BuildLog(nint program, nint device)
    {
        nuint size = 0;
        if (_getProgramBuildInfo(program, device, ProgramBuildLog, 0, null, &size) != Success || size == 0)
        {
            return string.Empty;
        }

        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            if (_getProgramBuildInfo(program, device, ProgramBuildLog, size, p, null) != Success)
            {
                return string.Empty;
            }
        }

        return Decode(bytes);
    }

    private static string Decode(byte[] bytes)
    {
        int end = Array.IndexOf(bytes, (byte)0);
        return Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end).Trim();
    }

    private static nint Export(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out nint address)
            ? address
            : throw new EntryPointNotFoundException($"{name} is missing");
}
