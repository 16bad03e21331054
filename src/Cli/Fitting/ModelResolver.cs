using GpuLm.Models;

namespace GpuLm.Cli.Fitting;

/// <summary>Turns <c>--model NAME|EXPR [--params] [--vars]</c> into a model.</summary>
internal static class ModelResolver
{
    /// <summary>A catalogue model by name, or else the text parsed as an expression.</summary>
    /// <param name="model">The catalogue name or the expression.</param>
    /// <param name="parameters">--params, comma-separated, or null.</param>
    /// <param name="variables">--vars, comma-separated, or null.</param>
    /// <returns>The model.</returns>
    /// <exception cref="UsageException">The expression does not parse, or names clash.</exception>
    public static Model Resolve(string model, string? parameters, string? variables)
    {
        if (ModelCatalog.TryGet(model, out CatalogModel? entry))
        {
            if (parameters is not null || variables is not null)
            {
                throw new UsageException(
                    $"--params and --vars apply to expressions; '{model}' is a catalogue model with parameters "
                    + $"{string.Join(",", entry.Model.Parameters)} and variables {string.Join(",", entry.Model.Variables)}.");
            }

            return entry.Model;
        }

        try
        {
            return Model.Parse(model, List(parameters), List(variables));
        }
        catch (ModelException e)
        {
            bool looksLikeName = model.All(c => char.IsLetterOrDigit(c) || c == '_');
            string hint = looksLikeName
                ? $" ('{model}' is not a catalogue model either; 'gpulm models' lists them: {string.Join(", ", ModelCatalog.All.Select(m => m.Name))})"
                : string.Empty;
            throw new UsageException($"--model: {e.Message}{hint}", e);
        }
    }

    private static string[]? List(string? commaSeparated) => commaSeparated?
        .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
