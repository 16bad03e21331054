namespace GpuLm.Cli;

/// <summary>
/// Bad usage or bad input: gpulm prints the message (never a stack trace) and exits with 2.
/// </summary>
/// <remarks>Messages name the option or file, the array, and what was expected and what came.</remarks>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    /// <param name="message">What is wrong, for the user.</param>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    /// <param name="message">What is wrong, for the user.</param>
    /// <param name="inner">The underlying error.</param>
    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public UsageException()
    {
    }
}
