using System.Diagnostics.CodeAnalysis;

namespace GpuLm.Models;

/// <summary>One parameter of a catalogue model: its name in the expression and what it means.</summary>
/// <param name="Name">The parameter's name as the expression writes it; its position in
/// <see cref="CatalogModel.Parameters"/> is its index in the parameter vector.</param>
/// <param name="Meaning">Its role and units, in words.</param>
public sealed record ModelParameter(string Name, string Meaning);

/// <summary>A named model of <see cref="ModelCatalog"/>: one expression and its documented parameters.</summary>
/// <remarks>
/// The counterpart of one Gpufit model file (<c>gauss_2d.cuh</c> and its header table), except
/// that the model is data: the expression is parsed by <see cref="Models.Model.Parse"/> like
/// any user expression, so its value and analytic Jacobian come from the same machinery.
/// </remarks>
public sealed class CatalogModel
{
    private readonly Lazy<Model> model;

    internal CatalogModel(
        string name,
        string description,
        string expression,
        string[] variables,
        ModelParameter[] parameters)
    {
        Name = name;
        Description = description;
        Expression = expression;
        Variables = Array.AsReadOnly(variables);
        Parameters = Array.AsReadOnly(parameters);
        string[] parameterNames = Array.ConvertAll(parameters, p => p.Name);
        model = new Lazy<Model>(
            () => Model.Parse(expression, parameterNames, variables),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The catalogue name, lowercase with underscores (<c>gauss2d_rotated</c>).</summary>
    public string Name { get; }

    /// <summary>What the model is and its formula in words.</summary>
    public string Description { get; }

    /// <summary>The model's expression, in the grammar of <see cref="Models.Model.Parse"/>.</summary>
    public string Expression { get; }

    /// <summary>The parameters in parameter-vector order, with their meanings.</summary>
    public IReadOnlyList<ModelParameter> Parameters { get; }

    /// <summary>The independent variables in the order a data point lists them.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The parsed expression, with <see cref="Parameters"/> and <see cref="Variables"/>
    /// in the catalogue's order.</summary>
    /// <remarks>Parsed on first use, once, even when several threads ask at the same time.</remarks>
    public Model Model => model.Value;

    /// <summary>The catalogue name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}

/// <summary>The named models: each one expression with a documented parameter table.</summary>
/// <remarks>
/// <para>
/// Adding a model is adding one entry to the list below; nothing else names it. Parameters
/// follow the order Gpufit users expect: amplitude(s), then position(s), then width(s) or
/// time constants, then the offset, then shape parameters (rotation angle, mixing fraction,
/// stretching exponent). Polynomials list their coefficients in ascending powers, as Gpufit's
/// <c>LINEAR_1D</c> and numpy's <c>Polynomial</c> do. Curves and spectra take <c>x</c>, decays
/// and relaxometry take the time <c>t</c>, enzyme kinetics take the substrate concentration
/// <c>s</c>, and 2-D spots take <c>x, y</c>.
/// </para>
/// <para>
/// Squares are written <c>u^2</c>, which the expression evaluator computes as <c>u*u</c>; every
/// expression is evaluated in the order it is written.
/// </para>
/// <list type="table">
/// <listheader><term>Name</term><description>Expression (parameters; variables)</description></listheader>
/// <item><term>gauss1d</term><description><c>a*exp(-(x-x0)^2/(2*sigma^2)) + b</c> (a, x0, sigma, b; x)</description></item>
/// <item><term>gauss2d</term><description><c>a*exp(-((x-x0)^2 + (y-y0)^2)/(2*sigma^2)) + b</c> (a, x0, y0, sigma, b; x, y)</description></item>
/// <item><term>gauss2d_elliptic</term><description><c>a*exp(-(x-x0)^2/(2*sigma_x^2) - (y-y0)^2/(2*sigma_y^2)) + b</c> (a, x0, y0, sigma_x, sigma_y, b; x, y)</description></item>
/// <item><term>gauss2d_rotated</term><description><c>a*exp(-((x-x0)*cos(theta) + (y-y0)*sin(theta))^2/(2*sigma_x^2) - ((y-y0)*cos(theta) - (x-x0)*sin(theta))^2/(2*sigma_y^2)) + b</c> (a, x0, y0, sigma_x, sigma_y, b, theta; x, y)</description></item>
/// <item><term>cauchy2d_elliptic</term><description><c>a/((1 + ((x-x0)/gamma_x)^2)*(1 + ((y-y0)/gamma_y)^2)) + b</c> (a, x0, y0, gamma_x, gamma_y, b; x, y)</description></item>
/// <item><term>lorentzian</term><description><c>a/(1 + ((x-x0)/gamma)^2) + b</c> (a, x0, gamma, b; x)</description></item>
/// <item><term>pseudo_voigt</term><description><c>a*(eta/(1 + 4*((x-x0)/fwhm)^2) + (1 - eta)*exp(-4*log(2)*((x-x0)/fwhm)^2)) + b</c> (a, x0, fwhm, b, eta; x)</description></item>
/// <item><term>exp_decay</term><description><c>a*exp(-t/tau) + b</c> (a, tau, b; t)</description></item>
/// <item><term>biexp_decay</term><description><c>a1*exp(-t/tau1) + a2*exp(-t/tau2) + b</c> (a1, tau1, a2, tau2, b; t)</description></item>
/// <item><term>stretched_exp</term><description><c>a*exp(-(t/tau)^beta) + b</c> (a, tau, b, beta; t)</description></item>
/// <item><term>linear</term><description><c>c0 + c1*x</c> (c0, c1; x)</description></item>
/// <item><term>quadratic</term><description><c>c0 + c1*x + c2*x^2</c> (c0, c1, c2; x)</description></item>
/// <item><term>cubic</term><description><c>c0 + c1*x + c2*x^2 + c3*x^3</c> (c0, c1, c2, c3; x)</description></item>
/// <item><term>power_law</term><description><c>a*x^k</c> (a, k; x)</description></item>
/// <item><term>logistic</term><description><c>a*(1 + tanh((x-x0)/(2*w)))/2 + b</c> (a, x0, w, b; x)</description></item>
/// <item><term>t1_inversion_recovery</term><description><c>a*(1 - k*exp(-t/t1))</c> (a, t1, k; t)</description></item>
/// <item><term>t2_decay</term><description><c>a*exp(-t/t2) + b</c> (a, t2, b; t)</description></item>
/// <item><term>michaelis_menten</term><description><c>vmax*s/(km + s)</c> (vmax, km; s)</description></item>
/// </list>
/// </remarks>
public static class ModelCatalog
{
    private static readonly CatalogModel[] Entries =
    [
        new(
            "gauss1d",
            "One-dimensional Gaussian peak on a constant background: the amplitude times the "
            + "exponential of minus the squared distance from the centre over twice the squared "
            + "width, plus the offset.",
            "a*exp(-(x-x0)^2/(2*sigma^2)) + b",
            ["x"],
            [
                new("a", "Peak height above the background, in data units."),
                new("x0", "Centre of the peak, in x units."),
                new("sigma", "Standard deviation (width), in x units; FWHM = 2*sqrt(2*ln 2)*sigma. Its sign is not identifiable."),
                new("b", "Constant background (offset), in data units."),
            ]),
        new(
            "gauss2d",
            "Circular two-dimensional Gaussian spot on a constant background (Gpufit GAUSS_2D): "
            + "the amplitude times the exponential of minus the squared distance from the centre "
            + "over twice the squared width, plus the offset.",
            "a*exp(-((x-x0)^2 + (y-y0)^2)/(2*sigma^2)) + b",
            ["x", "y"],
            [
                new("a", "Peak height above the background, in data units."),
                new("x0", "Centre, x coordinate, in pixel (x) units."),
                new("y0", "Centre, y coordinate, in pixel (y) units."),
                new("sigma", "Standard deviation in both directions, in pixel units. Its sign is not identifiable."),
                new("b", "Constant background (offset), in data units."),
            ]),
        new(
            "gauss2d_elliptic",
            "Axis-aligned elliptic two-dimensional Gaussian spot on a constant background "
            + "(Gpufit GAUSS_2D_ELLIPTIC): the amplitude times the exponential of minus the squared "
            + "x distance over twice the squared x width, minus the squared y distance over twice "
            + "the squared y width, plus the offset.",
            "a*exp(-(x-x0)^2/(2*sigma_x^2) - (y-y0)^2/(2*sigma_y^2)) + b",
            ["x", "y"],
            [
                new("a", "Peak height above the background, in data units."),
                new("x0", "Centre, x coordinate, in pixel (x) units."),
                new("y0", "Centre, y coordinate, in pixel (y) units."),
                new("sigma_x", "Standard deviation along x, in pixel units."),
                new("sigma_y", "Standard deviation along y, in pixel units."),
                new("b", "Constant background (offset), in data units."),
            ]),
        new(
            "gauss2d_rotated",
            "Elliptic two-dimensional Gaussian spot rotated by an angle, on a constant background "
            + "(Gpufit GAUSS_2D_ROTATED): the offset from the centre is rotated by minus theta into "
            + "the ellipse's own axes u (along sigma_x) and v (along sigma_y), and the amplitude "
            + "multiplies the exponential of minus u squared over twice sigma_x squared minus v "
            + "squared over twice sigma_y squared; plus the offset.",
            "a*exp(-((x-x0)*cos(theta) + (y-y0)*sin(theta))^2/(2*sigma_x^2)"
            + " - ((y-y0)*cos(theta) - (x-x0)*sin(theta))^2/(2*sigma_y^2)) + b",
            ["x", "y"],
            [
                new("a", "Peak height above the background, in data units."),
                new("x0", "Centre, x coordinate, in pixel (x) units."),
                new("y0", "Centre, y coordinate, in pixel (y) units."),
                new("sigma_x", "Standard deviation along the ellipse axis at angle theta, in pixel units."),
                new("sigma_y", "Standard deviation along the perpendicular axis, in pixel units."),
                new("b", "Constant background (offset), in data units."),
                new("theta", "Angle from the x axis to the sigma_x axis, counter-clockwise, in radians; "
                    + "defined modulo pi, and not identifiable when sigma_x equals sigma_y."),
            ]),
        new(
            "cauchy2d_elliptic",
            "Axis-aligned elliptic two-dimensional Cauchy (Lorentzian) spot on a constant "
            + "background (Gpufit CAUCHY_2D_ELLIPTIC): the amplitude over the product of one plus "
            + "the squared scaled x distance and one plus the squared scaled y distance, plus the "
            + "offset.",
            "a/((1 + ((x-x0)/gamma_x)^2)*(1 + ((y-y0)/gamma_y)^2)) + b",
            ["x", "y"],
            [
                new("a", "Peak height above the background, in data units."),
                new("x0", "Centre, x coordinate, in pixel (x) units."),
                new("y0", "Centre, y coordinate, in pixel (y) units."),
                new("gamma_x", "Half width at half maximum along x, in pixel units."),
                new("gamma_y", "Half width at half maximum along y, in pixel units."),
                new("b", "Constant background (offset), in data units."),
            ]),
        new(
            "lorentzian",
            "Lorentzian (Cauchy) peak on a constant background, parametrised by its height: the "
            + "amplitude over one plus the squared distance from the centre in half widths, plus "
            + "the offset.",
            "a/(1 + ((x-x0)/gamma)^2) + b",
            ["x"],
            [
                new("a", "Peak height above the background, in data units."),
                new("x0", "Centre of the peak, in x units."),
                new("gamma", "Half width at half maximum, in x units. Its sign is not identifiable."),
                new("b", "Constant background (offset), in data units."),
            ]),
        new(
            "pseudo_voigt",
            "Pseudo-Voigt peak on a constant background: a mix, with fraction eta, of a "
            + "Lorentzian and a Gaussian that share the centre, the peak height and the full width "
            + "at half maximum; the amplitude times (eta times the Lorentzian plus one minus eta "
            + "times the Gaussian), plus the offset.",
            "a*(eta/(1 + 4*((x-x0)/fwhm)^2) + (1 - eta)*exp(-4*log(2)*((x-x0)/fwhm)^2)) + b",
            ["x"],
            [
                new("a", "Peak height above the background, in data units."),
                new("x0", "Centre of the peak, in x units."),
                new("fwhm", "Full width at half maximum shared by both components, in x units."),
                new("b", "Constant background (offset), in data units."),
                new("eta", "Lorentzian fraction, dimensionless: 0 is a pure Gaussian, 1 a pure Lorentzian."),
            ]),
        new(
            "exp_decay",
            "Single exponential decay to a constant: the amplitude times the exponential of minus "
            + "the time over the time constant, plus the offset.",
            "a*exp(-t/tau) + b",
            ["t"],
            [
                new("a", "Amplitude at t = 0 above the final level, in data units."),
                new("tau", "Time constant (1/e time), in t units."),
                new("b", "Final level (offset), in data units."),
            ]),
        new(
            "biexp_decay",
            "Sum of two exponential decays and a constant: each amplitude times the exponential "
            + "of minus the time over its time constant, plus the offset.",
            "a1*exp(-t/tau1) + a2*exp(-t/tau2) + b",
            ["t"],
            [
                new("a1", "Amplitude of the first component at t = 0, in data units."),
                new("tau1", "Time constant of the first component, in t units."),
                new("a2", "Amplitude of the second component at t = 0, in data units."),
                new("tau2", "Time constant of the second component, in t units. The two components "
                    + "can swap; start them apart (e.g. tau1 < tau2) to pick one labelling."),
                new("b", "Final level (offset), in data units."),
            ]),
        new(
            "stretched_exp",
            "Stretched exponential (Kohlrausch-Williams-Watts) decay to a constant: the amplitude "
            + "times the exponential of minus the time over the time constant raised to the "
            + "stretching exponent, plus the offset. Needs t >= 0, and t > 0 in a fit: at t = 0 "
            + "the analytic tau and beta columns evaluate to 0 times infinity, NaN (their limits "
            + "are 0), so leave t = 0 samples out.",
            "a*exp(-(t/tau)^beta) + b",
            ["t"],
            [
                new("a", "Amplitude at t = 0 above the final level, in data units."),
                new("tau", "Characteristic time, in t units; must stay positive."),
                new("b", "Final level (offset), in data units."),
                new("beta", "Stretching exponent, dimensionless, usually in (0, 1]; 1 is a single exponential."),
            ]),
        new(
            "linear",
            "Straight line (Gpufit LINEAR_1D): the intercept plus the slope times x.",
            "c0 + c1*x",
            ["x"],
            [
                new("c0", "Intercept (value at x = 0), in data units."),
                new("c1", "Slope, in data units per x unit."),
            ]),
        new(
            "quadratic",
            "Second-degree polynomial in ascending powers: c0 plus c1 times x plus c2 times x squared.",
            "c0 + c1*x + c2*x^2",
            ["x"],
            [
                new("c0", "Constant coefficient, in data units."),
                new("c1", "Linear coefficient, in data units per x unit."),
                new("c2", "Quadratic coefficient, in data units per x unit squared."),
            ]),
        new(
            "cubic",
            "Third-degree polynomial in ascending powers: c0 plus c1 times x plus c2 times x "
            + "squared plus c3 times x cubed.",
            "c0 + c1*x + c2*x^2 + c3*x^3",
            ["x"],
            [
                new("c0", "Constant coefficient, in data units."),
                new("c1", "Linear coefficient, in data units per x unit."),
                new("c2", "Quadratic coefficient, in data units per x unit squared."),
                new("c3", "Cubic coefficient, in data units per x unit cubed."),
            ]),
        new(
            "power_law",
            "Pure power law: the prefactor times x raised to the exponent (Math.Pow), for x > 0. "
            + "No offset: a constant background breaks the scale invariance that makes a power law "
            + "a straight line on log-log axes and makes (a, k, offset) strongly correlated; write "
            + "an expression with one where the data need it.",
            "a*x^k",
            ["x"],
            [
                new("a", "Prefactor (value at x = 1), in data units."),
                new("k", "Exponent, dimensionless."),
            ]),
        new(
            "logistic",
            "Four-parameter logistic (sigmoid) step from the offset to the offset plus the "
            + "amplitude: a/(1 + exp(-(x-x0)/w)) + b, written in the equal form a times one plus "
            + "the hyperbolic tangent of (x-x0)/(2w), halved, plus b, so that neither the value "
            + "nor the Jacobian overflows far from the midpoint.",
            "a*(1 + tanh((x-x0)/(2*w)))/2 + b",
            ["x"],
            [
                new("a", "Height of the step (upper minus lower level), in data units."),
                new("x0", "Midpoint, where the curve is halfway up, in x units."),
                new("w", "Scale of the rise, in x units: the slope at the midpoint is a/(4w), and "
                    + "10% to 90% takes 2*ln(9)*w; negative w gives a falling step."),
                new("b", "Lower level (offset), in data units."),
            ]),
        new(
            "t1_inversion_recovery",
            "Three-parameter T1 inversion recovery: the relaxed signal times one minus the "
            + "inversion factor times the exponential of minus the inversion time over T1. This "
            + "signed form fits phase-corrected (real) data. Magnitude images need "
            + "abs(a*(1 - k*exp(-t/t1))), which is not the default: it is not differentiable at "
            + "the signal null, where its Jacobian jumps, and it folds the curve so that the fit "
            + "can settle on the wrong side of the null; restore the polarity of the data where "
            + "possible, or write that expression explicitly.",
            "a*(1 - k*exp(-t/t1))",
            ["t"],
            [
                new("a", "Fully relaxed signal (M0 times receive gain), in data units."),
                new("t1", "Longitudinal relaxation time T1, in t units (inversion time units)."),
                new("k", "Inversion factor, dimensionless: 2 for a perfect inversion from full "
                    + "relaxation, 1 for saturation recovery; absorbs imperfect inversion and short TR."),
            ]),
        new(
            "t2_decay",
            "Mono-exponential T2 (or T2*) decay with a noise floor: the signal at echo time zero "
            + "times the exponential of minus the echo time over T2, plus the offset, which absorbs "
            + "the Rician noise floor of magnitude data.",
            "a*exp(-t/t2) + b",
            ["t"],
            [
                new("a", "Signal at echo time zero above the floor, in data units."),
                new("t2", "Transverse relaxation time T2, in t units (echo time units)."),
                new("b", "Noise floor (offset), in data units."),
            ]),
        new(
            "michaelis_menten",
            "Michaelis-Menten enzyme kinetics: the maximum rate times the substrate concentration "
            + "over the Michaelis constant plus the substrate concentration. The variable is the "
            + "substrate concentration s.",
            "vmax*s/(km + s)",
            ["s"],
            [
                new("vmax", "Maximum (saturating) rate, in rate units."),
                new("km", "Michaelis constant, the concentration at half the maximum rate, in s units."),
            ]),
    ];

    private static readonly Dictionary<string, CatalogModel> ByName =
        Entries.ToDictionary(entry => entry.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every catalogue model, in the order of the table above.</summary>
    public static IReadOnlyList<CatalogModel> All { get; } = Array.AsReadOnly(Entries);

    /// <summary>The catalogue model with this name (case-insensitive).</summary>
    /// <param name="name">A catalogue name such as <c>gauss2d</c>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">No model has this name; the message lists the known names.</exception>
    public static CatalogModel Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ByName.TryGetValue(name, out CatalogModel? model))
        {
            return model;
        }

        throw new ArgumentException(
            $"Unknown model '{name}'. Known models: {string.Join(", ", Entries.Select(entry => entry.Name))}.",
            nameof(name));
    }

    /// <summary>Looks a catalogue model up by name (case-insensitive) without throwing when it is unknown.</summary>
    /// <param name="name">A catalogue name such as <c>gauss2d</c>.</param>
    /// <param name="model">The model, or null when no model has this name.</param>
    /// <returns>True when the model exists.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static bool TryGet(string name, [NotNullWhen(true)] out CatalogModel? model)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.TryGetValue(name, out model);
    }
}
