namespace GpuLm.Models;

/// <summary>
/// A model expression, or the names given with it, is malformed.
/// </summary>
/// <remarks>
/// Errors at a place in the text read <c>&lt;what&gt; at column &lt;n&gt; in "&lt;expression&gt;"</c>,
/// for example <c>expected ')' at column 13 in "a*exp(-t/tau"</c> (the column just past the
/// end when the text ends too early). Errors about the name lists (a parameter that does
/// not appear, a duplicate name, a reserved name) have no column. <see cref="Message"/> is
/// exactly that text: unlike other <see cref="ArgumentException"/>s it does not append the
/// parameter name, which <see cref="ArgumentException.ParamName"/> still carries.
/// </remarks>
public sealed class ModelException : ArgumentException
{
    private readonly string message;

    /// <summary>Initialises an error with no position.</summary>
    public ModelException()
        : this("The model is malformed.", null, 0, null)
    {
    }

    /// <summary>Initialises an error with a message and no position.</summary>
    /// <param name="message">What is wrong.</param>
    public ModelException(string message)
        : this(message, null, 0, null)
    {
    }

    /// <summary>Initialises an error with a message, no position and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ModelException(string message, Exception innerException)
        : base(message, innerException)
    {
        this.message = message;
    }

    /// <summary>Initialises an error about an argument of <see cref="Model.Parse"/>.</summary>
    /// <param name="message">What is wrong, with the column and the expression where there is one.</param>
    /// <param name="paramName">The argument at fault: <c>expression</c>, <c>parameters</c>,
    /// <c>variables</c> or <c>constants</c>.</param>
    /// <param name="column">The 1-based column of the offending token; 0 when the error has no position.</param>
    /// <param name="token">The offending token or name; null at the end of the text or when there is none.</param>
    public ModelException(string message, string? paramName, int column, string? token)
        : base(message, paramName)
    {
        this.message = message;
        Column = column;
        Token = token;
    }

    /// <summary>The 1-based column of the offending token in the expression; 0 when the error
    /// has no position (it is about the name lists or the expression as a whole).</summary>
    public int Column { get; }

    /// <summary>The offending token or name; null at the end of the text or when there is none.</summary>
    public string? Token { get; }

    /// <summary>The error, exactly as documented (no parameter name appended).</summary>
    public override string Message => message;
}
