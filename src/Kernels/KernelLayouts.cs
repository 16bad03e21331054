using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;

namespace GpuLm.Kernels;

/// <summary>The <see cref="ILayout"/> struct of each team size and problems per group, emitted once per process.</summary>
public static class KernelLayouts
{
    private static readonly ConcurrentDictionary<(int Team, int ProblemsPerGroup), Type> s_types = new();
    private static readonly Lazy<ModuleBuilder> s_module = new(() =>
        AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("GpuLm.Kernels.Layouts"), AssemblyBuilderAccess.Run)
            .DefineDynamicModule("GpuLm.Kernels.Layouts"));

    private static readonly Lock s_gate = new();

    /// <summary>Returns the struct implementing <see cref="ILayout"/> with these constants.</summary>
    /// <param name="team">The threads per problem: a power of two from 1 to 1024.</param>
    /// <param name="problemsPerGroup">The problems per group: 1 to 1024, and 1 where <paramref name="team"/> is above 1.</param>
    /// <returns>The type.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="team"/> or <paramref name="problemsPerGroup"/> is out of range.</exception>
    public static Type Get(int team, int problemsPerGroup)
    {
        Validate(team, problemsPerGroup);
        return s_types.GetOrAdd((team, problemsPerGroup), static key => Emit(key.Team, key.ProblemsPerGroup));
    }

    /// <summary>Checks a team size and a number of problems per group.</summary>
    /// <param name="team">The threads per problem.</param>
    /// <param name="problemsPerGroup">The problems per group.</param>
    /// <exception cref="ArgumentOutOfRangeException">Either is out of range.</exception>
    public static void Validate(int team, int problemsPerGroup)
    {
        if (team < 1 || team > 1024 || (team & (team - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(team), team, $"The team size must be a power of two from 1 to 1024; it is {team}.");
        }

        if (problemsPerGroup < 1 || problemsPerGroup > 1024 || (problemsPerGroup > 1 && team > 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(problemsPerGroup), problemsPerGroup,
                $"The problems per group must be 1 to 1024, and 1 with a team of more than one thread (the team is {team}); it is {problemsPerGroup}.");
        }
    }

    private static Type Emit(int team, int problemsPerGroup)
    {
        lock (s_gate)
        {
            // GetOrAdd may run this for one key on two threads at once: the second finds the first's type.
            if (s_types.TryGetValue((team, problemsPerGroup), out Type? emitted))
            {
                return emitted;
            }

            TypeBuilder type = s_module.Value.DefineType(
                $"Layout_Team{team}_Problems{problemsPerGroup}",
                TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.SequentialLayout,
                typeof(ValueType));
            type.AddInterfaceImplementation(typeof(ILayout));
            Constant(type, nameof(ILayout.Team), team);
            Constant(type, nameof(ILayout.ProblemsPerGroup), problemsPerGroup);
            return type.CreateType();
        }
    }

    private static void Constant(TypeBuilder type, string name, int value)
    {
        MethodBuilder getter = type.DefineMethod(
            "get_" + name,
            MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName,
            typeof(int),
            Type.EmptyTypes);
        ILGenerator il = getter.GetILGenerator();
        il.Emit(OpCodes.Ldc_I4, value);
        il.Emit(OpCodes.Ret);
        type.DefineMethodOverride(getter, typeof(ILayout).GetProperty(name)!.GetMethod!);
    }
}
