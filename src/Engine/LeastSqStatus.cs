using System.Globalization;

namespace GpuLm;

/// <summary>
/// The values of <c>ier</c> (MINPACK's <c>info</c>) and the messages scipy gives them.
/// </summary>
/// <remarks>
/// 1 to 4 are success, as <c>scipy.optimize.leastsq</c> counts it; 0 is improper input;
/// 5 to 8 mean the iteration stopped before its tolerances were met. Negative values are
/// MINPACK's user-termination convention, used by GpuLm for problems whose numbers stopped
/// being finite: the fit ends there, with x at the last iterate whose residuals were finite.
/// </remarks>
public static class LeastSqStatus
{
    /// <summary>Improper input parameters (negative or NaN tolerance, non-positive factor).</summary>
    public const int ImproperInput = 0;

    /// <summary>Both actual and predicted relative reductions in the sum of squares are at most ftol.</summary>
    public const int FtolReached = 1;

    /// <summary>The relative error between two consecutive iterates is at most xtol.</summary>
    public const int XtolReached = 2;

    /// <summary>Both <see cref="FtolReached"/> and <see cref="XtolReached"/> hold.</summary>
    public const int FtolAndXtolReached = 3;

    /// <summary>The cosine of the angle between fvec and any column of the Jacobian is at most gtol.</summary>
    public const int GtolReached = 4;

    /// <summary>The number of function evaluations reached maxfev.</summary>
    public const int MaxFevReached = 5;

    /// <summary>ftol is too small: no further reduction in the sum of squares is possible.</summary>
    public const int FtolTooSmall = 6;

    /// <summary>xtol is too small: no further improvement in the solution is possible.</summary>
    public const int XtolTooSmall = 7;

    /// <summary>gtol is too small: fvec is orthogonal to the Jacobian's columns to machine precision.</summary>
    public const int GtolTooSmall = 8;

    /// <summary>The residuals at the starting point are not all finite; the fit did not start.</summary>
    public const int NonFiniteResidual = -1;

    /// <summary>The Jacobian at the current x has a non-finite entry (from Dfun, or from a
    /// residual at a finite-difference step); x is the last iterate with finite residuals.</summary>
    public const int NonFiniteJacobian = -2;

    /// <summary>A batch row that was not fitted: the fit was cancelled before the row started.</summary>
    public const int NotRun = -3;

    /// <summary>A batch row whose input is unusable: a non-finite value in its x0 or y, or a
    /// weight that is not positive and finite. The other rows are fitted.</summary>
    public const int InvalidInput = -4;

    /// <summary>Whether <paramref name="ier"/> is one of scipy's success codes, 1 to 4.</summary>
    /// <param name="ier">A status code.</param>
    /// <returns>True for 1, 2, 3 and 4.</returns>
    public static bool IsSuccess(int ier) => ier is >= FtolReached and <= GtolReached;

    /// <summary>The message <c>scipy.optimize.leastsq</c> returns as <c>mesg</c> for
    /// <paramref name="ier"/>, with the tolerances printed as scipy prints them (<c>%f</c>).</summary>
    /// <param name="ier">A status code.</param>
    /// <param name="ftol">The ftol of the fit.</param>
    /// <param name="xtol">The xtol of the fit.</param>
    /// <param name="gtol">The gtol of the fit.</param>
    /// <param name="maxfev">The maxfev of the fit, after the default was resolved.</param>
    /// <returns>The message.</returns>
    public static string Message(int ier, double ftol, double xtol, double gtol, int maxfev) => ier switch
    {
        ImproperInput => "Improper input parameters.",
        FtolReached => "Both actual and predicted relative reductions in the sum of squares\n"
            + $"  are at most {F(ftol)}",
        XtolReached => $"The relative error between two consecutive iterates is at most {F(xtol)}",
        FtolAndXtolReached => "Both actual and predicted relative reductions in the sum of squares\n"
            + $"  are at most {F(ftol)} and the relative error between two consecutive iterates is at \n"
            + $"  most {F(xtol)}",
        GtolReached => "The cosine of the angle between func(x) and any column of the\n"
            + $"  Jacobian is at most {F(gtol)} in absolute value",
        MaxFevReached => $"Number of calls to function has reached maxfev = {maxfev}.",
        FtolTooSmall => $"ftol={F(ftol)} is too small, no further reduction in the sum of squares\n"
            + "  is possible.",
        XtolTooSmall => $"xtol={F(xtol)} is too small, no further improvement in the approximate\n"
            + "  solution is possible.",
        GtolTooSmall => $"gtol={F(gtol)} is too small, func(x) is orthogonal to the columns of\n"
            + "  the Jacobian to machine precision.",
        NonFiniteResidual => "func returned a non-finite residual at the starting point; the fit did not start.",
        NonFiniteJacobian => "The Jacobian has a non-finite entry (from Dfun, or from func at a finite-difference step);\n"
            + "  x is the last iterate with finite residuals.",
        NotRun => "Not run: the fit was cancelled before this row started.",
        InvalidInput => "Invalid input: x0 or y has a non-finite value, or a weight is not positive and finite.",
        _ => "Unknown error.",
    };

    private static string F(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
}
