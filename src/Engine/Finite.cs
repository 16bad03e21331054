namespace GpuLm;

/// <summary>The finiteness test every fit path applies to its inputs and Jacobians.</summary>
internal static class Finite
{
    /// <summary>Whether every value is neither NaN nor infinite.</summary>
    /// <param name="values">The values.</param>
    /// <returns>True when all are finite (and for no values).</returns>
    public static bool All(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
