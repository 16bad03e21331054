namespace GpuLm.Minpack;

/// <summary>The scalar inputs of <see cref="Lmder"/>, already resolved to MINPACK's meaning.</summary>
/// <param name="Ftol">Relative error desired in the sum of squares, non-negative.</param>
/// <param name="Xtol">Relative error desired in the approximate solution, non-negative.</param>
/// <param name="Gtol">Orthogonality desired between fvec and the Jacobian's columns, non-negative.</param>
/// <param name="MaxFev">The largest number of function evaluations, positive.</param>
/// <param name="Factor">The initial step bound factor, positive.</param>
/// <param name="Epsfcn">The relative error of the residuals, for the forward differences.</param>
/// <param name="UserDiag">MINPACK <c>mode = 2</c>: the caller put the scale factors in
/// <see cref="LmderWorkspace.Diag"/>; otherwise (<c>mode = 1</c>) they are computed.</param>
/// <param name="AnalyticJacobian">Take the Jacobian from the problem (lmder); otherwise
/// approximate it by forward differences (lmdif).</param>
internal readonly record struct LmderSettings(
    double Ftol, double Xtol, double Gtol, int MaxFev, double Factor, double Epsfcn,
    bool UserDiag, bool AnalyticJacobian);
