namespace GpuLm.Cli;

/// <summary>gpulm's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>The run completed, whatever the per-row statuses.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure inside gpulm.</summary>
    public const int InternalError = 1;

    /// <summary>Bad usage or bad input; nothing was fitted.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C: the outputs are written, rows not fitted are marked not run.</summary>
    public const int Interrupted = 130;
}
