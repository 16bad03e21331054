namespace GpuLm.Cli.Maps;

/// <summary>Short names of the <c>ier</c> codes for the legend of an ier map.</summary>
/// <remarks>The full messages are <see cref="LeastSqStatus.Message"/>.</remarks>
internal static class IerLabels
{
    /// <summary>Every code of <see cref="LeastSqStatus"/> and a label of a few words.</summary>
    public static IReadOnlyDictionary<int, string> Short { get; } = new Dictionary<int, string>
    {
        [LeastSqStatus.InvalidInput] = "invalid input",
        [LeastSqStatus.NotRun] = "not run",
        [LeastSqStatus.NonFiniteJacobian] = "nonfinite jac",
        [LeastSqStatus.NonFiniteResidual] = "nonfinite f(x0)",
        [LeastSqStatus.ImproperInput] = "improper input",
        [LeastSqStatus.FtolReached] = "ftol",
        [LeastSqStatus.XtolReached] = "xtol",
        [LeastSqStatus.FtolAndXtolReached] = "ftol+xtol",
        [LeastSqStatus.GtolReached] = "gtol",
        [LeastSqStatus.MaxFevReached] = "maxfev",
        [LeastSqStatus.FtolTooSmall] = "ftol too small",
        [LeastSqStatus.XtolTooSmall] = "xtol too small",
        [LeastSqStatus.GtolTooSmall] = "gtol too small",
    };
}
