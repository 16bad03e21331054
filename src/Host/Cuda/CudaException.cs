namespace GpuLm.Host.Cuda;

/// <summary>A CUDA driver API or NVRTC call failed, or a kernel did not compile.</summary>
public sealed class CudaException : Exception
{
    /// <summary>Creates an exception for a result code, with the code's name and a message of its own.</summary>
    /// <param name="result">The <c>CUresult</c> or <c>nvrtcResult</c> code.</param>
    /// <param name="errorName">The code's name, e.g. <c>CUDA_ERROR_OUT_OF_MEMORY</c>.</param>
    /// <param name="message">The message.</param>
    public CudaException(int result, string errorName, string message)
        : base(message)
    {
        Result = result;
        ErrorName = errorName;
    }

    /// <summary>Creates an exception without a result code.</summary>
    public CudaException()
    {
    }

    /// <summary>Creates an exception without a result code.</summary>
    /// <param name="message">The message.</param>
    public CudaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception without a result code.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CudaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The <c>CUresult</c> or <c>nvrtcResult</c> code, or 0.</summary>
    public int Result { get; }

    /// <summary>The name of <see cref="Result"/> (e.g. <c>CUDA_ERROR_NO_DEVICE</c>,
    /// <c>NVRTC_ERROR_COMPILATION</c>), or empty.</summary>
    public string ErrorName { get; } = string.Empty;

    /// <summary>An exception for a failed driver call: "call failed: NAME (description) [code]".</summary>
    /// <param name="result">The <c>CUresult</c>.</param>
    /// <param name="call">The entry point that returned it.</param>
    /// <param name="errorName">The driver's name for the code (<c>cuGetErrorName</c>).</param>
    /// <param name="description">The driver's description of the code (<c>cuGetErrorString</c>).</param>
    /// <returns>The exception.</returns>
    internal static CudaException ForDriverCall(int result, string call, string errorName, string description) =>
        new(result, errorName, $"{call} failed: {Describe(result, errorName, description)}.");

    /// <summary>"NAME (description)", the form every CUDA message in GpuLm uses for a result code.</summary>
    /// <param name="result">The code.</param>
    /// <param name="errorName">Its name.</param>
    /// <param name="description">Its description, or empty.</param>
    /// <returns>The text.</returns>
    internal static string Describe(int result, string errorName, string description) =>
        string.IsNullOrEmpty(description) || description == errorName
            ? $"{errorName} [{result}]"
            : $"{errorName} ({description}) [{result}]";

    /// <summary>The cuda.h name of a driver result code, for when the driver cannot be asked
    /// (<c>cuGetErrorName</c>) because it is missing or too old.</summary>
    /// <param name="result">The <c>CUresult</c>.</param>
    /// <returns>The name, e.g. <c>CUDA_ERROR_NO_DEVICE</c>, or "CUDA_ERROR_&lt;code&gt;" for a code not listed.</returns>
    public static string ResultName(int result) => result switch
    {
        0 => "CUDA_SUCCESS",
        1 => "CUDA_ERROR_INVALID_VALUE",
        2 => "CUDA_ERROR_OUT_OF_MEMORY",
        3 => "CUDA_ERROR_NOT_INITIALIZED",
        4 => "CUDA_ERROR_DEINITIALIZED",
        34 => "CUDA_ERROR_STUB_LIBRARY",
        46 => "CUDA_ERROR_DEVICE_UNAVAILABLE",
        100 => "CUDA_ERROR_NO_DEVICE",
        101 => "CUDA_ERROR_INVALID_DEVICE",
        200 => "CUDA_ERROR_INVALID_IMAGE",
        201 => "CUDA_ERROR_INVALID_CONTEXT",
        209 => "CUDA_ERROR_NO_BINARY_FOR_GPU",
        218 => "CUDA_ERROR_INVALID_PTX",
        221 => "CUDA_ERROR_JIT_COMPILER_NOT_FOUND",
        222 => "CUDA_ERROR_UNSUPPORTED_PTX_VERSION",
        300 => "CUDA_ERROR_INVALID_SOURCE",
        301 => "CUDA_ERROR_FILE_NOT_FOUND",
        400 => "CUDA_ERROR_INVALID_HANDLE",
        500 => "CUDA_ERROR_NOT_FOUND",
        600 => "CUDA_ERROR_NOT_READY",
        700 => "CUDA_ERROR_ILLEGAL_ADDRESS",
        701 => "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES",
        702 => "CUDA_ERROR_LAUNCH_TIMEOUT",
        719 => "CUDA_ERROR_LAUNCH_FAILED",
        800 => "CUDA_ERROR_NOT_PERMITTED",
        801 => "CUDA_ERROR_NOT_SUPPORTED",
        802 => "CUDA_ERROR_SYSTEM_NOT_READY",
        803 => "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH",
        804 => "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE",
        999 => "CUDA_ERROR_UNKNOWN",
        _ => $"CUDA_ERROR_{result}",
    };

    /// <summary>The nvrtc.h name of an NVRTC result code.</summary>
    /// <param name="result">The <c>nvrtcResult</c>.</param>
    /// <returns>The name, e.g. <c>NVRTC_ERROR_COMPILATION</c>, or "NVRTC_ERROR_&lt;code&gt;" for a code not listed.</returns>
    public static string NvrtcResultName(int result) => result switch
    {
        0 => "NVRTC_SUCCESS",
        1 => "NVRTC_ERROR_OUT_OF_MEMORY",
        2 => "NVRTC_ERROR_PROGRAM_CREATION_FAILURE",
        3 => "NVRTC_ERROR_INVALID_INPUT",
        4 => "NVRTC_ERROR_INVALID_PROGRAM",
        5 => "NVRTC_ERROR_INVALID_OPTION",
        6 => "NVRTC_ERROR_COMPILATION",
        7 => "NVRTC_ERROR_BUILTIN_OPERATION_FAILURE",
        11 => "NVRTC_ERROR_INTERNAL_ERROR",
        _ => $"NVRTC_ERROR_{result}",
    };
}
