using System.CommandLine;
using GpuLm.Models;

namespace GpuLm.Cli.Commands;

/// <summary><c>gpulm models</c>: the catalogue, each model with its expression and parameter table.</summary>
internal static class ModelsCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("models", "List the model catalogue: each model's expression, variables and parameters.");
        command.SetAction(_ =>
        {
            foreach (CatalogModel model in ModelCatalog.All)
            {
                Console.WriteLine($"{model.Name}");
                Console.WriteLine($"  {model.Expression}");
                Console.WriteLine($"  variables: {string.Join(", ", model.Variables)}");
                foreach (ModelParameter p in model.Parameters)
                {
                    Console.WriteLine($"    {p.Name,-8} {p.Meaning}");
                }

                Console.WriteLine();
            }

            Console.WriteLine("Any other model: --model \"EXPRESSION\" [--params a,b,...] [--vars t] (see 'gpulm fit --help').");
            return ExitCodes.Success;
        });
        return command;
    }
}
