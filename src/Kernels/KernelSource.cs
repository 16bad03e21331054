using System.Globalization;
using System.Text;
using GpuLm.Models;

namespace GpuLm.Kernels;

/// <summary>The device code shipped as embedded resources, and the translation units built from it.</summary>
/// <remarks>
/// The files under <c>Device/</c> mirror <c>Engine/Minpack</c> routine by routine:
/// <c>prelude.h</c> (the macros that make one source OpenCL C 1.2 and CUDA C),
/// <c>gpulm_exp.h</c>, <c>gpulm_pow.h</c> and <c>gpulm_atan.h</c> (in double, a model's <c>exp</c>,
/// <c>pow</c> and <c>atan</c> as glibc computes them, bit for bit),
/// <c>enorm.h</c> (with the team reductions), <c>qrfac.h</c>, <c>qrsolv.h</c>,
/// <c>lmpar.h</c>, <c>fdjac2.h</c> (residuals, the model's Jacobian, forward differences)
/// and <c>lmder.c</c> (the driver and the kernel <c>gpulm_lmder</c>).
/// </remarks>
public static class KernelSource
{
    /// <summary>The name of the kernel every translation unit defines.</summary>
    public const string KernelName = "gpulm_lmder";

    private const string ResourcePrefix = "GpuLm.Kernels.Device.";

    /// <summary>The device files that precede the model, in order: the prelude, then the exp, the pow and the atan that the model's <c>exp</c>, <c>pow</c> and <c>atan</c> resolve to in double.</summary>
    private static readonly string[] s_beforeModel = ["prelude.h", "gpulm_exp.h", "gpulm_pow.h", "gpulm_atan.h"];

    /// <summary>The device files that follow the model, in the order a translation unit includes them.</summary>
    private static readonly string[] s_routines = ["enorm.h", "qrfac.h", "qrsolv.h", "lmpar.h", "fdjac2.h", "lmder.c"];

    /// <summary>The names of the embedded device source files.</summary>
    /// <returns>Resource names, e.g. <c>GpuLm.Kernels.Device.prelude.h</c>.</returns>
    public static IReadOnlyList<string> Files() =>
        typeof(KernelSource).Assembly.GetManifestResourceNames().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Reads one embedded device file.</summary>
    /// <param name="name">The file name under <c>Device/</c>, e.g. <c>lmder.c</c>.</param>
    /// <returns>Its text.</returns>
    /// <exception cref="ArgumentException">No such file is embedded.</exception>
    public static string Read(string name)
    {
        using Stream stream = typeof(KernelSource).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new ArgumentException($"no embedded device file '{name}'; the files are: {string.Join(", ", Files())}.", nameof(name));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Composes the translation unit of the LM kernel for one model.</summary>
    /// <param name="model">The model, emitted with <see cref="Model.EmitC"/> as <c>model_value</c> and <c>model_jacobian</c>.</param>
    /// <param name="doublePrecision">True for <c>real</c> = double, false for float.</param>
    /// <param name="teamSize">The threads per problem: a power of two from 1 to 1024.</param>
    /// <param name="analyticJacobian">True for the model's Jacobian (lmder), false for forward differences (lmdif).</param>
    /// <param name="problemsPerGroup">The problems one work-group fits (sub-teams), 1 to 1024; above 1
    /// only with a team of one, since a barrier spans the work-group and its problems leave their
    /// loops at different iterations.</param>
    /// <returns>The source, LF line ends, one file after the other.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="teamSize"/> is not a power of two in
    /// 1..1024, or <paramref name="problemsPerGroup"/> is outside 1..1024 or above 1 with a larger team.</exception>
    public static string Compose(Model model, bool doublePrecision, int teamSize, bool analyticJacobian, int problemsPerGroup)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (teamSize < 1 || teamSize > 1024 || (teamSize & (teamSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(teamSize), teamSize, "The team size must be a power of two from 1 to 1024.");
        }

        if (problemsPerGroup < 1 || problemsPerGroup > 1024 || (problemsPerGroup > 1 && teamSize > 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(problemsPerGroup), problemsPerGroup, $"The problems per work-group must be 1 to 1024, and 1 with a team of more than one thread (the team is {teamSize}).");
        }

        var c = new StringBuilder();
        c.Append("/* GpuLm LM kernel: ").Append(model.Expression).Append(" */\n");
        c.Append(CultureInfo.InvariantCulture, $"#define GPULM_DOUBLE {(doublePrecision ? 1 : 0)}\n");
        c.Append(CultureInfo.InvariantCulture, $"#define GPULM_TEAM {teamSize}\n");
        c.Append(CultureInfo.InvariantCulture, $"#define GPULM_PACK {problemsPerGroup}\n");
        c.Append(CultureInfo.InvariantCulture, $"#define GPULM_ANALYTIC {(analyticJacobian ? 1 : 0)}\n");
        foreach (string file in s_beforeModel)
        {
            c.Append(Read(file));
        }

        c.Append(model.EmitC("model"));
        foreach (string file in s_routines)
        {
            c.Append(Read(file));
        }

        return c.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
