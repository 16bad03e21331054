namespace GpuLm.Minpack;

/// <summary>
/// The problem <see cref="Lmder"/> minimises: MINPACK's <c>fcn</c>, split into its two
/// <c>iflag</c> cases.
/// </summary>
/// <remarks>A struct implementation lets the JIT specialise the driver per problem type.</remarks>
internal interface IMinpackFunction
{
    /// <summary>Writes the m residuals at <paramref name="x"/> (<c>iflag = 1</c>).</summary>
    /// <param name="x">The n parameters.</param>
    /// <param name="fvec">Receives the m residuals.</param>
    void Residuals(ReadOnlySpan<double> x, Span<double> fvec);

    /// <summary>Writes the Jacobian at <paramref name="x"/> (<c>iflag = 2</c>), column-major
    /// m×n: ∂f_i/∂x_j at <c>fjac[i + j*m]</c>. Called only when the driver runs with an
    /// analytic Jacobian.</summary>
    /// <param name="x">The n parameters.</param>
    /// <param name="fjac">Receives the m·n partial derivatives.</param>
    void Jacobian(ReadOnlySpan<double> x, Span<double> fjac);
}
