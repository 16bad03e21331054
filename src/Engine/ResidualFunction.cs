namespace GpuLm;

/// <summary>
/// Computes the m residuals of a least-squares problem at the point <paramref name="x"/>.
/// </summary>
/// <remarks>The counterpart of <c>func</c> in <c>scipy.optimize.leastsq</c>: GpuLm minimises
/// the sum of squares of what it writes into <paramref name="fvec"/>.</remarks>
/// <param name="x">The n parameters.</param>
/// <param name="fvec">Receives the m residuals.</param>
public delegate void ResidualFunction(ReadOnlySpan<double> x, Span<double> fvec);

/// <summary>
/// Computes the Jacobian of the residuals at the point <paramref name="x"/>.
/// </summary>
/// <remarks>The counterpart of <c>Dfun</c> in <c>scipy.optimize.leastsq</c>. Row-major m×n,
/// <c>jac[i*n + j] = ∂f_i/∂x_j</c>; with <see cref="LeastSqOptions.ColDeriv"/> set, n×m,
/// <c>jac[j*m + i] = ∂f_i/∂x_j</c>.</remarks>
/// <param name="x">The n parameters.</param>
/// <param name="jac">Receives the m·n partial derivatives.</param>
public delegate void JacobianFunction(ReadOnlySpan<double> x, Span<double> jac);
