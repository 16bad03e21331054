using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using GpuLm.Models;
using ILGPU;

namespace GpuLm.Kernels.Models;

/// <summary>
/// Turns an expression <see cref="Model"/> into a struct type implementing
/// <see cref="IDeviceModel{TReal}"/>, emitted at run time, that the LM kernels are
/// specialised on.
/// </summary>
/// <remarks>
/// <para>The struct has no fields; its static <c>Value</c> and <c>Jacobian</c> evaluate the
/// model's value and Jacobian plans, the ones the CPU evaluator (<see cref="CompiledModel"/>)
/// evaluates, written as IL (<see cref="PlanIlWriter"/>): the same operations
/// on the same operands in the same order, so that in double, with the device math of
/// <see cref="DeviceFunctions"/>, ILGPU's CPU and OpenCL backends give the CPU's doubles
/// (where the device's libm gives glibc's for the functions it provides). ILGPU reads the IL
/// of a kernel's type arguments at run time, so one kernel source serves every model on each of
/// its backends.</para>
/// <para>The types live in one dynamic assembly of the process, and each model is emitted
/// once per precision: models with the same canonical expression, parameters and variables
/// share a type. Emitting is thread-safe.</para>
/// </remarks>
public static class DeviceModelEmitter
{
    private const string AssemblyName = "GpuLm.Kernels.EmittedModels";

    private static readonly Lazy<ModuleBuilder> s_module = new(CreateModule, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentDictionary<(string Model, Precision Precision), Type> s_types = new();
    private static readonly Lock s_gate = new();
    private static int s_serial;

    /// <summary>Returns the device model type of <paramref name="model"/> in <paramref name="precision"/>,
    /// emitting it on the first call.</summary>
    /// <param name="model">The model.</param>
    /// <param name="precision">Double for <see cref="IDeviceModel{TReal}"/> of double, Single for float.</param>
    /// <returns>A public struct type implementing <c>IDeviceModel&lt;double&gt;</c> or
    /// <c>IDeviceModel&lt;float&gt;</c>; the same type for every call with an equal model and
    /// precision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="precision"/> is not Double or Single.</exception>
    public static Type Emit(Model model, Precision precision)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (precision is not (Precision.Double or Precision.Single))
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "expected Double or Single");
        }

        var key = (Identity(model), precision);
        if (s_types.TryGetValue(key, out Type? type))
        {
            return type;
        }

        // One type at a time: a ModuleBuilder is not thread-safe.
        lock (s_gate)
        {
            if (!s_types.TryGetValue(key, out type))
            {
                type = Build(model, precision == Precision.Single, s_serial++);
                s_types[key] = type;
            }

            return type;
        }
    }

    // The canonical text determines the tree (it parses back to it), so it and the names
    // determine the plans; the expression as written would not (constants are bound into it).
    private static string Identity(Model model) =>
        $"{model}; parameters: {string.Join(", ", model.Parameters)}; variables: {string.Join(", ", model.Variables)}";

    private static ModuleBuilder CreateModule()
    {
        AssemblyBuilder assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName(AssemblyName), AssemblyBuilderAccess.Run);
        return assembly.DefineDynamicModule(AssemblyName);
    }

    private static Type Build(Model model, bool single, int serial)
    {
        Type real = single ? typeof(float) : typeof(double);
        Type view = typeof(ArrayView<>).MakeGenericType(real);
        Type contract = typeof(IDeviceModel<>).MakeGenericType(real);
        TypeBuilder type = s_module.Value.DefineType(
            $"{AssemblyName}.Model{serial}{(single ? "Single" : "Double")}",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.SequentialLayout,
            typeof(ValueType));
        type.AddInterfaceImplementation(contract);

        DefineCount(type, contract, nameof(IDeviceModel<double>.ParameterCount), model.ParameterCount);
        DefineCount(type, contract, nameof(IDeviceModel<double>.VariableCount), model.VariableCount);

        MethodBuilder value = DefineMethod(type, contract, nameof(IDeviceModel<double>.Value), real, [view, view, typeof(MathTables)], ["p", "v", "tables"]);
        PlanIlWriter.WriteValue(value.GetILGenerator(), model.ValuePlan, model.ParameterCount, model.VariableCount, single);

        MethodBuilder jacobian = DefineMethod(
            type, contract, nameof(IDeviceModel<double>.Jacobian), typeof(void), [view, view, view, typeof(MathTables)], ["p", "v", "dfdp", "tables"]);
        PlanIlWriter.WriteJacobian(jacobian.GetILGenerator(), model.JacobianPlan, model.ParameterCount, model.VariableCount, single);

        return type.CreateType();
    }

    // A static property returning a constant, implementing the interface's static abstract one.
    private static void DefineCount(TypeBuilder type, Type contract, string name, int count)
    {
        MethodBuilder getter = type.DefineMethod(
            "get_" + name,
            MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName,
            typeof(int),
            Type.EmptyTypes);
        ILGenerator il = getter.GetILGenerator();
        il.Emit(OpCodes.Ldc_I4, count);
        il.Emit(OpCodes.Ret);
        PropertyBuilder property = type.DefineProperty(name, PropertyAttributes.None, typeof(int), Type.EmptyTypes);
        property.SetGetMethod(getter);
        type.DefineMethodOverride(getter, contract.GetProperty(name)!.GetMethod!);
    }

    private static MethodBuilder DefineMethod(
        TypeBuilder type, Type contract, string name, Type returnType, Type[] parameterTypes, string[] parameterNames)
    {
        MethodBuilder method = type.DefineMethod(
            name, MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig, returnType, parameterTypes);
        for (int k = 0; k < parameterNames.Length; k++)
        {
            method.DefineParameter(k + 1, ParameterAttributes.None, parameterNames[k]);
        }

        type.DefineMethodOverride(method, contract.GetMethod(name)!);
        return method;
    }
}
