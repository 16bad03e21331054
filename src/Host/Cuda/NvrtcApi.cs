using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;

namespace GpuLm.Host.Cuda;

/// <summary>How an NVRTC candidate is tried: by soname through the dynamic loader, as a file, or as a folder of <c>libnvrtc.so*</c>.</summary>
internal enum NvrtcCandidateKind
{
    /// <summary>A bare soname, e.g. <c>libnvrtc.so.13</c>, found by the dynamic loader's search path.</summary>
    Name,

    /// <summary>A full path to a library file.</summary>
    File,

    /// <summary>A folder whose <c>libnvrtc.so*</c> files are tried, newest soname first.</summary>
    Folder,
}

/// <summary>One place the NVRTC probe looks.</summary>
/// <param name="Kind">How it is tried.</param>
/// <param name="Value">The soname, file or folder.</param>
/// <param name="Origin">Where the candidate comes from, for the report (e.g. <c>$CUDA_HOME/lib64</c>).</param>
internal readonly record struct NvrtcCandidate(NvrtcCandidateKind Kind, string Value, string Origin);

/// <summary>What NVRTC produced: the image for <c>cuModuleLoadDataEx</c>, and the compiler's log.</summary>
/// <param name="Image">The CUBIN, or the PTX with its terminating NUL.</param>
/// <param name="Kind">Which of the two <paramref name="Image"/> is.</param>
/// <param name="Log">The compiler's warnings, or empty.</param>
internal sealed record NvrtcImage(byte[] Image, CudaBinaryKind Kind, string Log);

/// <summary>
/// The NVRTC entry points GpuLm uses, bound by function pointer from the library the probe finds.
/// </summary>
/// <remarks>
/// NVRTC ships with the CUDA toolkit, not the driver, and only under versioned sonames
/// (<c>libnvrtc.so.13</c>, <c>.12</c>, <c>.11.2</c>) unless a -dev package adds the link. The probe
/// (<see cref="Candidates"/>) tries, in order: the file or folder <c>GPULM_NVRTC</c> names (alone,
/// when set); the sonames through the dynamic loader; <c>$CUDA_PATH/lib64</c>,
/// <c>$CUDA_HOME/lib64</c>, <c>/usr/local/cuda/lib64</c>, <c>$CONDA_PREFIX/lib</c>; and the
/// NVIDIA Python wheel folders (<c>nvidia/cu13/lib</c> for CUDA 13, <c>nvidia/cuda_nvrtc/lib</c>
/// before) under the Python site-packages folders it can see. <c>nvrtcGetCUBIN</c> (NVRTC 11.1)
/// and <c>nvrtcGetSupportedArchs</c> (11.2) are optional.
/// </remarks>
internal sealed unsafe class NvrtcApi
{
    /// <summary>The environment variable that names the NVRTC library (or its folder) to use instead of probing.</summary>
    public const string LibraryVariable = "GPULM_NVRTC";

    public const int Success = 0;
    public const int ErrorBuiltinOperationFailure = 7;

    /// <summary>The sonames tried through the dynamic loader, newest first.</summary>
    public static readonly string[] Sonames = ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so"];

    /// <summary>The folders of NVIDIA's Python wheels that hold NVRTC, relative to site-packages.</summary>
    public static readonly string[] WheelFolders = ["nvidia/cu13/lib", "nvidia/cuda_nvrtc/lib"];

    private static readonly Lazy<(NvrtcApi? Api, string Report)> s_default = new(() =>
        TryLoad(Candidates(Environment.GetEnvironmentVariable), out NvrtcApi? api, out string report) ? (api, report) : (null, report));

    private readonly delegate* unmanaged<int, byte*> _getErrorString;
    private readonly delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int> _createProgram;
    private readonly delegate* unmanaged<nint*, int> _destroyProgram;
    private readonly delegate* unmanaged<nint, int, byte**, int> _compileProgram;
    private readonly delegate* unmanaged<nint, nuint*, int> _getProgramLogSize;
    private readonly delegate* unmanaged<nint, byte*, int> _getProgramLog;
    private readonly delegate* unmanaged<nint, nuint*, int> _getPtxSize;
    private readonly delegate* unmanaged<nint, byte*, int> _getPtx;
    private readonly delegate* unmanaged<nint, nuint*, int> _getCubinSize;
    private readonly delegate* unmanaged<nint, byte*, int> _getCubin;

    private NvrtcApi(nint library, string path)
    {
        LibraryPath = path;
        var version = (delegate* unmanaged<int*, int*, int>)CudaNativeLibrary.Export(library, path, "nvrtcVersion");
        _getErrorString = (delegate* unmanaged<int, byte*>)CudaNativeLibrary.Export(library, path, "nvrtcGetErrorString");
        _createProgram = (delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int>)CudaNativeLibrary.Export(library, path, "nvrtcCreateProgram");
        _destroyProgram = (delegate* unmanaged<nint*, int>)CudaNativeLibrary.Export(library, path, "nvrtcDestroyProgram");
        _compileProgram = (delegate* unmanaged<nint, int, byte**, int>)CudaNativeLibrary.Export(library, path, "nvrtcCompileProgram");
        _getProgramLogSize = (delegate* unmanaged<nint, nuint*, int>)CudaNativeLibrary.Export(library, path, "nvrtcGetProgramLogSize");
        _getProgramLog = (delegate* unmanaged<nint, byte*, int>)CudaNativeLibrary.Export(library, path, "nvrtcGetProgramLog");
        _getPtxSize = (delegate* unmanaged<nint, nuint*, int>)CudaNativeLibrary.Export(library, path, "nvrtcGetPTXSize");
        _getPtx = (delegate* unmanaged<nint, byte*, int>)CudaNativeLibrary.Export(library, path, "nvrtcGetPTX");
        _getCubinSize = (delegate* unmanaged<nint, nuint*, int>)CudaNativeLibrary.OptionalExport(library, "nvrtcGetCUBINSize");
        _getCubin = (delegate* unmanaged<nint, byte*, int>)CudaNativeLibrary.OptionalExport(library, "nvrtcGetCUBIN");
        var archCount = (delegate* unmanaged<int*, int>)CudaNativeLibrary.OptionalExport(library, "nvrtcGetNumSupportedArchs");
        var archs = (delegate* unmanaged<int*, int>)CudaNativeLibrary.OptionalExport(library, "nvrtcGetSupportedArchs");

        int major = 0;
        int minor = 0;
        Check(version(&major, &minor), "nvrtcVersion");
        int[] supported = [];
        int count = 0;
        if (archCount != null && archs != null && archCount(&count) == Success && count > 0)
        {
            supported = new int[count];
            fixed (int* p = supported)
            {
                Check(archs(p), "nvrtcGetSupportedArchs");
            }
        }

        Capabilities = new NvrtcCapabilities(major, minor, _getCubinSize != null && _getCubin != null, supported);
    }

    /// <summary>The file or soname NVRTC was loaded from.</summary>
    public string LibraryPath { get; }

    /// <summary>NVRTC's version, whether it emits CUBIN, and the architectures it supports.</summary>
    public NvrtcCapabilities Capabilities { get; }

    /// <summary>The process's NVRTC, probed once: the API and where it was found, or null and every path tried.</summary>
    public static (NvrtcApi? Api, string Report) Default => s_default.Value;

    /// <summary>Where the probe looks, in order, given the environment.</summary>
    /// <param name="environment">Reads an environment variable (e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <returns>Only the path <c>GPULM_NVRTC</c> names where it is set; otherwise the sonames, the
    /// toolkit folders and the Python wheel folders, without duplicates.</returns>
    public static IReadOnlyList<NvrtcCandidate> Candidates(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? named = environment(LibraryVariable)?.Trim();
        if (!string.IsNullOrEmpty(named))
        {
            NvrtcCandidateKind kind = Directory.Exists(named) ? NvrtcCandidateKind.Folder : NvrtcCandidateKind.File;
            return [new NvrtcCandidate(kind, named, LibraryVariable)];
        }

        var candidates = new List<NvrtcCandidate>();
        candidates.AddRange(Sonames.Select(s => new NvrtcCandidate(NvrtcCandidateKind.Name, s, "dynamic loader")));
        var folders = new List<(string Folder, string Origin)>();
        foreach (string variable in new[] { "CUDA_PATH", "CUDA_HOME" })
        {
            if (environment(variable)?.Trim() is { Length: > 0 } root)
            {
                folders.Add((Path.Combine(root, "lib64"), $"${variable}/lib64"));
            }
        }

        folders.Add(("/usr/local/cuda/lib64", "CUDA toolkit"));
        if (environment("CONDA_PREFIX")?.Trim() is { Length: > 0 } conda)
        {
            folders.Add((Path.Combine(conda, "lib"), "$CONDA_PREFIX/lib"));
        }

        foreach (string site in PythonSitePackages(environment))
        {
            folders.AddRange(WheelFolders.Select(w => (Path.Combine(site, w), "Python wheel")));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        candidates.AddRange(folders
            .Where(f => seen.Add(Path.GetFullPath(f.Folder)))
            .Select(f => new NvrtcCandidate(NvrtcCandidateKind.Folder, f.Folder, f.Origin)));
        return candidates;
    }

    /// <summary>The Python site-packages folders that exist among the usual places: the system's
    /// (<c>/usr/lib/python3/dist-packages</c>, <c>/usr/local/lib/python3.*/{dist,site}-packages</c>),
    /// the user's (<c>~/.local/lib/python3.*/site-packages</c>), an active virtual environment's
    /// and conda's. Bounded: one directory listing per place.</summary>
    /// <param name="environment">Reads an environment variable.</param>
    /// <returns>The folders, newest Python first within each place.</returns>
    public static IReadOnlyList<string> PythonSitePackages(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var sites = new List<string>();
        if (Directory.Exists("/usr/lib/python3/dist-packages"))
        {
            sites.Add("/usr/lib/python3/dist-packages");
        }

        var places = new List<(string Parent, string Leaf)>
        {
            ("/usr/local/lib", "dist-packages"),
            ("/usr/local/lib", "site-packages"),
            ("/opt/conda/lib", "site-packages"),
        };
        if (environment("HOME")?.Trim() is { Length: > 0 } home)
        {
            places.Add((Path.Combine(home, ".local", "lib"), "site-packages"));
        }

        foreach (string variable in new[] { "VIRTUAL_ENV", "CONDA_PREFIX" })
        {
            if (environment(variable)?.Trim() is { Length: > 0 } prefix)
            {
                places.Add((Path.Combine(prefix, "lib"), "site-packages"));
            }
        }

        foreach ((string parent, string leaf) in places)
        {
            if (!Directory.Exists(parent))
            {
                continue;
            }

            try
            {
                sites.AddRange(Directory.EnumerateDirectories(parent, "python3*")
                    .OrderByDescending(d => d, StringComparer.Ordinal)
                    .Select(d => Path.Combine(d, leaf))
                    .Where(Directory.Exists));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // An unreadable folder holds no wheel we could load either.
            }
        }

        return sites.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Loads NVRTC from the first candidate that is a working NVRTC library.</summary>
    /// <param name="candidates">Where to look, in order (<see cref="Candidates"/>).</param>
    /// <param name="api">The bindings, or null.</param>
    /// <param name="report">Where NVRTC was found; or "NVRTC not found: tried ..." with every path
    /// tried and why each failed, and what to install.</param>
    /// <returns>Whether NVRTC was bound.</returns>
    public static bool TryLoad(IReadOnlyList<NvrtcCandidate> candidates, out NvrtcApi? api, out string report)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var tried = new List<string>();
        foreach (NvrtcCandidate candidate in candidates)
        {
            if (candidate.Kind == NvrtcCandidateKind.Folder)
            {
                string[] files = LibraryFiles(candidate.Value, out string? why);
                if (files.Length == 0)
                {
                    tried.Add($"{candidate.Value} [{candidate.Origin}]: {why}");
                    continue;
                }

                foreach (string file in files)
                {
                    if (TryBind(file, NvrtcCandidateKind.File, candidate.Origin, tried, out api))
                    {
                        report = $"NVRTC {api.Capabilities.VersionText} from {file} [{candidate.Origin}]";
                        return true;
                    }
                }

                continue;
            }

            if (TryBind(candidate.Value, candidate.Kind, candidate.Origin, tried, out api))
            {
                report = $"NVRTC {api.Capabilities.VersionText} from {candidate.Value} [{candidate.Origin}]";
                return true;
            }
        }

        api = null;
        bool overridden = candidates.Count == 1 && candidates[0].Origin == LibraryVariable;
        report = $"NVRTC not found: tried {(tried.Count == 0 ? "nothing" : string.Join("; ", tried))}. "
            + (overridden
                ? $"Point {LibraryVariable} at libnvrtc.so.NN, or unset it to search the usual places"
                : $"Install the CUDA toolkit's NVRTC (e.g. pip install nvidia-cuda-nvrtc, or the distribution's cuda-nvrtc package), or set {LibraryVariable} to the library's full path");
        return false;
    }

    /// <summary>Compiles CUDA C to the image <paramref name="options"/> asks for.</summary>
    /// <param name="source">The translation unit.</param>
    /// <param name="programName">A name for the program in NVRTC's messages, e.g. <c>gpulm_lmder.cu</c>.</param>
    /// <param name="options">The target and flags (<see cref="CudaCompileOptions.TrySelect"/>).</param>
    /// <returns>The image and the compiler's log.</returns>
    /// <exception cref="CudaException">NVRTC rejected an option or the source; the message holds its log.</exception>
    public NvrtcImage Compile(string source, string programName, CudaCompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(programName);
        ArgumentNullException.ThrowIfNull(options);
        byte[] text = Encoding.UTF8.GetBytes(source + "\0");
        byte[] name = Encoding.UTF8.GetBytes(programName + "\0");
        nint program = 0;
        fixed (byte* s = text)
        fixed (byte* n = name)
        {
            Check(_createProgram(&program, s, n, 0, null, null), "nvrtcCreateProgram");
        }

        nint[] flags = options.Flags.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        try
        {
            int result;
            fixed (nint* f = flags)
            {
                result = _compileProgram(program, flags.Length, (byte**)f);
            }

            string log = ProgramLog(program);
            if (result != Success)
            {
                string message = $"nvrtcCompileProgram failed: {Describe(result)} for {options.ArchitectureName} with {string.Join(' ', options.Flags)}";
                if (result == ErrorBuiltinOperationFailure)
                {
                    message += $" (NVRTC could not load libnvrtc-builtins.so.{Capabilities.VersionText}: put the folder of {LibraryPath} on LD_LIBRARY_PATH)";
                }

                throw new CudaException(result, CudaException.NvrtcResultName(result), log.Length == 0 ? message + "." : $"{message}:\n{log}");
            }

            byte[] image = options.Kind == CudaBinaryKind.Cubin
                ? Output(program, _getCubinSize, _getCubin, "nvrtcGetCUBIN")
                : Output(program, _getPtxSize, _getPtx, "nvrtcGetPTX");
            return new NvrtcImage(image, options.Kind, log);
        }
        finally
        {
            foreach (nint flag in flags)
            {
                Marshal.FreeCoTaskMem(flag);
            }

            _destroyProgram(&program);
        }
    }

    /// <summary>"NAME (description) [code]" for an NVRTC result.</summary>
    public string Describe(int result)
    {
        byte* text = _getErrorString(result);
        string description = text == null ? string.Empty : Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
        return CudaException.Describe(result, CudaException.NvrtcResultName(result), description);
    }

    private void Check(int result, string call)
    {
        if (result != Success)
        {
            throw new CudaException(result, CudaException.NvrtcResultName(result), $"{call} failed: {(_getErrorString == null ? CudaException.NvrtcResultName(result) : Describe(result))}.");
        }
    }

    private string ProgramLog(nint program)
    {
        nuint size = 0;
        if (_getProgramLogSize(program, &size) != Success || size <= 1)
        {
            return string.Empty;
        }

        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            if (_getProgramLog(program, p) != Success)
            {
                return string.Empty;
            }
        }

        return Encoding.UTF8.GetString(bytes, 0, Math.Max(Array.IndexOf(bytes, (byte)0), 0)).Trim();
    }

    private byte[] Output(nint program, delegate* unmanaged<nint, nuint*, int> getSize, delegate* unmanaged<nint, byte*, int> get, string call)
    {
        if (getSize == null || get == null)
        {
            throw new CudaException($"{call} is missing from {LibraryPath} (NVRTC {Capabilities.VersionText}); compile to PTX instead.");
        }

        nuint size = 0;
        Check(getSize(program, &size), call + "Size");
        var image = new byte[(int)size];
        fixed (byte* p = image)
        {
            Check(get(program, p), call);
        }

        return image;
    }

    private static bool TryBind(string value, NvrtcCandidateKind kind, string origin, List<string> tried, [NotNullWhen(true)] out NvrtcApi? api)
    {
        api = null;
        nint handle;
        if (kind == NvrtcCandidateKind.Name)
        {
            if (!CudaNativeLibrary.TryLoadName(value, out handle))
            {
                tried.Add($"{value} [{origin}]: not found");
                return false;
            }
        }
        else if (!CudaNativeLibrary.TryLoadFile(value, out handle, out string why))
        {
            tried.Add($"{value} [{origin}]: {why}");
            return false;
        }

        try
        {
            api = new NvrtcApi(handle, value);
            if (kind == NvrtcCandidateKind.File)
            {
                PreloadBuiltins(value, api.Capabilities);
            }

            return true;
        }
        catch (EntryPointNotFoundException e)
        {
            NativeLibrary.Free(handle);
            tried.Add($"{value} [{origin}]: loaded, but {e.Message[(value.Length + 1)..]}: not NVRTC");
            return false;
        }
        catch (CudaException e)
        {
            NativeLibrary.Free(handle);
            tried.Add($"{value} [{origin}]: loaded, but {e.Message}");
            return false;
        }
    }

    /// <summary>Loads the <c>libnvrtc-builtins.so.X.Y</c> beside an NVRTC loaded by path.</summary>
    /// <remarks>NVRTC opens its builtins by soname at the first compile; from a folder that is not
    /// on the loader's search path (a toolkit or wheel folder found by the probe) that fails with
    /// NVRTC_ERROR_BUILTIN_OPERATION_FAILURE unless a library of that soname is already loaded.
    /// Best effort: where none is found, the compile says so.</remarks>
    private static void PreloadBuiltins(string nvrtcPath, NvrtcCapabilities capabilities)
    {
        string? folder = Path.GetDirectoryName(nvrtcPath);
        if (folder is null || !Directory.Exists(folder))
        {
            return;
        }

        string exact = $"libnvrtc-builtins.so.{capabilities.VersionText}";
        string[] builtins;
        try
        {
            builtins = Directory.EnumerateFiles(folder, "libnvrtc-builtins.so*")
                .OrderBy(f => Path.GetFileName(f) == exact ? 0 : 1)
                .ThenByDescending(f => f, StringComparer.Ordinal)
                .ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (string file in builtins)
        {
            if (CudaNativeLibrary.TryLoadFile(file, out _, out _))
            {
                return;
            }
        }
    }

    private static string[] LibraryFiles(string folder, out string? why)
    {
        why = null;
        if (!Directory.Exists(folder))
        {
            why = "folder absent";
            return [];
        }

        try
        {
            string[] files = Directory.EnumerateFiles(folder, "libnvrtc.so*")
                .OrderBy(f => Array.IndexOf(Sonames, Path.GetFileName(f)) is int i and >= 0 ? i : Sonames.Length)
                .ThenByDescending(f => f, StringComparer.Ordinal)
                .ToArray();
            why = files.Length == 0 ? "no libnvrtc.so* in the folder" : null;
            return files;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            why = $"unreadable ({e.Message})";
            return [];
        }
    }
}
