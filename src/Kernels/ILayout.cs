namespace GpuLm.Kernels;

/// <summary>
/// How the LM kernel maps problems onto threads: a team of <see cref="Team"/> threads per
/// problem, <see cref="ProblemsPerGroup"/> problems per thread group. The kernel is
/// specialised on a struct implementing it, so both are constants in the compiled kernel.
/// </summary>
/// <remarks>
/// A team splits the loops over the m residuals (the model, its Jacobian, the element-wise
/// updates) and sums every norm and dot product in MINPACK's order in each of its threads, so
/// results do not depend on the team size. Several problems share a group only with a team
/// of one: a barrier spans the whole group, and its problems leave their loops at different
/// iterations. <see cref="KernelLayouts.Get"/> makes the struct for any valid pair.
/// </remarks>
public interface ILayout
{
    /// <summary>The threads per problem: a power of two from 1 to 1024.</summary>
    static abstract int Team { get; }

    /// <summary>The problems one thread group fits side by side: 1 to 1024, and 1 where <see cref="Team"/> is above 1.</summary>
    static abstract int ProblemsPerGroup { get; }
}

/// <summary>Where the kernel's Jacobian comes from; the kernel is specialised on a struct implementing it.</summary>
public interface IJacobianSource
{
    /// <summary>True for the model's derivatives (MINPACK lmder), false for forward differences (lmdif).</summary>
    static abstract bool Analytic { get; }
}

/// <summary>The model's derivatives: MINPACK lmder, each evaluation counted in njev.</summary>
public readonly struct AnalyticJacobian : IJacobianSource
{
    /// <inheritdoc/>
    public static bool Analytic => true;
}

/// <summary>Forward differences of the residuals: MINPACK lmdif (fdjac2), n evaluations counted in nfev.</summary>
public readonly struct ForwardDifferences : IJacobianSource
{
    /// <inheritdoc/>
    public static bool Analytic => false;
}
