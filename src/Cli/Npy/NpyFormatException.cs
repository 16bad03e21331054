namespace GpuLm.Cli.Npy;

/// <summary>A .npy file gpulm cannot read: malformed, or valid NumPy but in a layout gpulm does not support.</summary>
/// <remarks>The message names the file and says what is wrong and, where one exists, the NumPy call that fixes it.</remarks>
internal sealed class NpyFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The file that could not be read.</param>
    /// <param name="problem">What is wrong with it, as a sentence fragment.</param>
    public NpyFormatException(string path, string problem)
        : base($"Cannot read .npy file '{path}': {problem}")
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file that could not be read.</summary>
    public string Path { get; }

    /// <summary>What is wrong with the file, without the path.</summary>
    public string Problem { get; }
}
