namespace GpuLm.Minpack;

/// <summary>
/// The machine constants MINPACK's <c>dpmpar</c> returns for IEEE double, and the
/// numeric literals its routines share.
/// </summary>
/// <remarks>
/// <c>dpmpar(1)</c> is the decimal literal 2.22044604926e-16, not 2^-52: the two differ in
/// the last bits, and the forward-difference step and the stringent-tolerance tests depend
/// on it. netlib MINPACK (and so <c>scipy.optimize.leastsq</c>) uses the literal.
/// </remarks>
internal static class MinpackConstants
{
    /// <summary><c>dpmpar(1)</c>: the machine precision as MINPACK spells it.</summary>
    public const double Epsmch = 2.22044604926e-16;

    /// <summary><c>dpmpar(2)</c>: the smallest positive magnitude as MINPACK spells it.</summary>
    public const double Dwarf = 2.22507385852e-308;

    /// <summary>The machine epsilon numpy reports (2^-52), which leastsq passes as <c>epsfcn</c> by default.</summary>
    public const double NumpyEps = 2.220446049250313e-16;

    public const double Zero = 0.0;
    public const double One = 1.0;
    public const double P001 = 1.0e-3;
    public const double P0001 = 1.0e-4;
    public const double P05 = 5.0e-2;
    public const double P1 = 1.0e-1;
    public const double P25 = 2.5e-1;
    public const double P5 = 5.0e-1;
    public const double P75 = 7.5e-1;
}
