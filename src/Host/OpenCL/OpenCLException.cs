namespace GpuLm.Host.OpenCL;

/// <summary>An OpenCL call failed, or a kernel did not build.</summary>
public sealed class OpenCLException : Exception
{
    /// <summary>Creates an exception with a message of its own (a build failure).</summary>
    /// <param name="status">The OpenCL status code.</param>
    /// <param name="message">The message.</param>
    public OpenCLException(int status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>Creates an exception without a status.</summary>
    public OpenCLException()
    {
    }

    /// <summary>Creates an exception without a status.</summary>
    /// <param name="message">The message.</param>
    public OpenCLException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception without a status.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OpenCLException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The OpenCL status code (negative), or 0.</summary>
    public int Status { get; }

    /// <summary>An exception for a failed call.</summary>
    /// <param name="status">The OpenCL status code.</param>
    /// <param name="call">The entry point that returned it.</param>
    /// <returns>The exception.</returns>
    internal static OpenCLException ForCall(int status, string call) =>
        new(status, $"{call} failed with {StatusName(status)} ({status}).");

    /// <summary>The OpenCL name of a status code, e.g. CL_OUT_OF_RESOURCES.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name, or "CL error" for a code not listed.</returns>
    public static string StatusName(int status) => status switch
    {
        0 => "CL_SUCCESS",
        -1 => "CL_DEVICE_NOT_FOUND",
        -2 => "CL_DEVICE_NOT_AVAILABLE",
        -4 => "CL_MEM_OBJECT_ALLOCATION_FAILURE",
        -5 => "CL_OUT_OF_RESOURCES",
        -6 => "CL_OUT_OF_HOST_MEMORY",
        -11 => "CL_BUILD_PROGRAM_FAILURE",
        -30 => "CL_INVALID_VALUE",
        -33 => "CL_INVALID_DEVICE",
        -34 => "CL_INVALID_CONTEXT",
        -36 => "CL_INVALID_COMMAND_QUEUE",
        -38 => "CL_INVALID_MEM_OBJECT",
        -44 => "CL_INVALID_PROGRAM",
        -45 => "CL_INVALID_PROGRAM_EXECUTABLE",
        -46 => "CL_INVALID_KERNEL_NAME",
        -48 => "CL_INVALID_KERNEL",
        -49 => "CL_INVALID_ARG_INDEX",
        -50 => "CL_INVALID_ARG_VALUE",
        -51 => "CL_INVALID_ARG_SIZE",
        -52 => "CL_INVALID_KERNEL_ARGS",
        -54 => "CL_INVALID_WORK_GROUP_SIZE",
        -55 => "CL_INVALID_WORK_ITEM_SIZE",
        -61 => "CL_INVALID_BUFFER_SIZE",
        -1001 => "CL_PLATFORM_NOT_FOUND_KHR",
        _ => "CL error",
    };
}
