using System.Runtime.InteropServices;

namespace GpuLm.Host.Cuda;

/// <summary>Loading of the driver and NVRTC libraries, with a reason for every failure.</summary>
/// <remarks>
/// .NET's default probing misses versioned names such as <c>libcuda.so.1</c> and
/// <c>libnvrtc.so.13</c> (the unversioned link comes only with -dev packages or the toolkit),
/// so each library is tried by its exact names and paths.
/// </remarks>
internal static class CudaNativeLibrary
{
    /// <summary>Loads a library by bare name through the dynamic loader's search path.</summary>
    /// <param name="name">A soname such as <c>libcuda.so.1</c>.</param>
    /// <param name="handle">The handle, or 0.</param>
    /// <returns>Whether it loaded.</returns>
    public static bool TryLoadName(string name, out nint handle) =>
        NativeLibrary.TryLoad(name, typeof(CudaNativeLibrary).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out handle)
        || NativeLibrary.TryLoad(name, out handle);

    /// <summary>Loads a library by full path, saying why where it cannot.</summary>
    /// <param name="path">The file.</param>
    /// <param name="handle">The handle, or 0.</param>
    /// <param name="why">"file does not exist", or the loader's complaint (e.g. "invalid ELF header").</param>
    /// <returns>Whether it loaded.</returns>
    public static bool TryLoadFile(string path, out nint handle, out string why)
    {
        handle = 0;
        if (Directory.Exists(path))
        {
            why = "is a folder, not a library file";
            return false;
        }

        if (!File.Exists(path))
        {
            why = "file does not exist";
            return false;
        }

        try
        {
            handle = NativeLibrary.Load(path);
            why = string.Empty;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            why = $"not a loadable library ({LoaderComplaint(e.Message, path)})";
            return false;
        }
    }

    /// <summary>The address of an export, or an exception that names it and the library.</summary>
    /// <param name="library">The library handle.</param>
    /// <param name="libraryName">The library's name, for the message.</param>
    /// <param name="name">The entry point.</param>
    /// <returns>The address.</returns>
    /// <exception cref="EntryPointNotFoundException">The library does not export <paramref name="name"/>.</exception>
    public static nint Export(nint library, string libraryName, string name) =>
        NativeLibrary.TryGetExport(library, name, out nint address)
            ? address
            : throw new EntryPointNotFoundException($"{libraryName} lacks {name}");

    /// <summary>The address of an optional export, or 0.</summary>
    /// <param name="library">The library handle.</param>
    /// <param name="name">The entry point.</param>
    /// <returns>The address, or 0.</returns>
    public static nint OptionalExport(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out nint address) ? address : 0;

    /// <summary>The dynamic loader's own words from .NET's long "Unable to load shared library" message.</summary>
    /// <param name="message">The exception's message.</param>
    /// <param name="path">The path that failed.</param>
    /// <returns>The last line that names the path (dlerror's text), or the whole message.</returns>
    internal static string LoaderComplaint(string message, string path)
    {
        string[] lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? dlerror = lines.LastOrDefault(l => l.StartsWith(path + ":", StringComparison.Ordinal));
        if (dlerror is not null)
        {
            return dlerror[(path.Length + 1)..].Trim();
        }

        int at = message.LastIndexOf(path + ": ", StringComparison.Ordinal);
        return at >= 0 ? message[(at + path.Length + 2)..].Trim() : message.Trim();
    }
}
