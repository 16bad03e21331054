using System.Reflection;
using System.Reflection.Emit;
using GpuLm.Models;
using ILGPU;

namespace GpuLm.Kernels.Models;

/// <summary>
/// Writes an <see cref="EvaluationPlan"/> as the IL of one method of an emitted device model:
/// what the CPU compiler writes as an expression tree, as IL.
/// </summary>
/// <remarks>
/// <para>The method reads each parameter and variable the plan uses once, into a local
/// (parameters first, as the CPU evaluator does), computes the temporaries into locals in the
/// plan's order, then its outputs. Each node becomes the IL operation the CPU compiler's
/// expression becomes (<c>add</c>, <c>sub</c>, <c>mul</c>, <c>div</c>, <c>neg</c>, which ILGPU
/// compiles without FMA contraction), with the same operands in the same association: integer
/// powers 2 to 4 as products from the left, <c>sign</c> and the conditionals of
/// <c>min</c>/<c>max</c> derivatives as branches on the same comparisons, and calls to
/// <see cref="DeviceFunctions"/>' methods where the CPU evaluator calls <see cref="Math"/>.</para>
/// <para>Two things keep ILGPU 1.5.3 from changing the doubles. Literals are hidden from its IR
/// builder (<see cref="LoadConstant"/>), which regroups arithmetic on constants. NaN operands
/// are tested before a comparison (<see cref="LoadConditional"/>), whose "unordered" form its
/// OpenCL backend drops.</para>
/// </remarks>
internal sealed class PlanIlWriter
{
    private readonly ILGenerator il;
    private readonly EvaluationPlan plan;
    private readonly bool single;
    private readonly byte tablesArgument;
    private readonly MethodInfo element;
    private readonly MethodInfo isNaN;
    private readonly MethodInfo fromBits;
    private readonly LocalBuilder zero;
    private readonly LocalBuilder?[] parameters;
    private readonly LocalBuilder?[] variables;
    private readonly LocalBuilder[] temporaries;

    private PlanIlWriter(ILGenerator il, EvaluationPlan plan, int parameterCount, int variableCount, bool single, byte tablesArgument)
    {
        this.il = il;
        this.plan = plan;
        this.single = single;
        this.tablesArgument = tablesArgument;
        Type view = typeof(ArrayView<>).MakeGenericType(Real);
        element = view.GetMethod("get_Item", [typeof(int)])
            ?? throw new InvalidOperationException($"{view} has no int indexer");
        isNaN = Real.GetMethod(nameof(double.IsNaN), [Real])
            ?? throw new InvalidOperationException($"{Real} has no IsNaN");
        fromBits = single
            ? typeof(BitConverter).GetMethod(nameof(BitConverter.Int32BitsToSingle), [typeof(int)])!
            : typeof(BitConverter).GetMethod(nameof(BitConverter.Int64BitsToDouble), [typeof(long)])!;
        zero = il.DeclareLocal(single ? typeof(int) : typeof(long));
        parameters = new LocalBuilder?[parameterCount];
        variables = new LocalBuilder?[variableCount];
        temporaries = new LocalBuilder[plan.Temporaries.Count];
    }

    private Type Real => single ? typeof(float) : typeof(double);

    /// <summary>Writes <c>static real Value(ArrayView p, ArrayView v, MathTables tables)</c>:
    /// returns the plan's one output.</summary>
    /// <param name="il">The method's IL generator.</param>
    /// <param name="plan">The model's value plan.</param>
    /// <param name="parameterCount">n.</param>
    /// <param name="variableCount">d.</param>
    /// <param name="single">Whether the method computes in float rather than double.</param>
    public static void WriteValue(ILGenerator il, EvaluationPlan plan, int parameterCount, int variableCount, bool single)
    {
        var writer = new PlanIlWriter(il, plan, parameterCount, variableCount, single, tablesArgument: 2);
        writer.WriteLocals();
        writer.Load(plan.Outputs[0]);
        il.Emit(OpCodes.Ret);
    }

    /// <summary>Writes <c>static void Jacobian(ArrayView p, ArrayView v, ArrayView dfdp, MathTables tables)</c>:
    /// stores output j in <c>dfdp[j]</c>.</summary>
    /// <param name="il">The method's IL generator.</param>
    /// <param name="plan">The model's Jacobian plan.</param>
    /// <param name="parameterCount">n.</param>
    /// <param name="variableCount">d.</param>
    /// <param name="single">Whether the method computes in float rather than double.</param>
    public static void WriteJacobian(ILGenerator il, EvaluationPlan plan, int parameterCount, int variableCount, bool single)
    {
        const byte dfdp = 2;
        var writer = new PlanIlWriter(il, plan, parameterCount, variableCount, single, tablesArgument: 3);
        writer.WriteLocals();
        for (int j = 0; j < plan.Outputs.Count; j++)
        {
            writer.LoadElementAddress(dfdp, j);
            writer.Load(plan.Outputs[j]);
            il.Emit(single ? OpCodes.Stind_R4 : OpCodes.Stind_R8);
        }

        il.Emit(OpCodes.Ret);
    }

    // The zero LoadConstant needs, the parameters and variables the plan reads, once each, then
    // the temporaries in order.
    private void WriteLocals()
    {
        const byte p = 0;
        const byte v = 1;
        LocalBuilder expTable = il.DeclareLocal(typeof(ArrayView<ulong>));
        il.Emit(OpCodes.Ldarga_S, tablesArgument);
        il.Emit(OpCodes.Call, typeof(MathTables).GetProperty(nameof(MathTables.Exp))!.GetMethod!);
        il.Emit(OpCodes.Stloc, expTable);
        il.Emit(OpCodes.Ldloca, expTable);
        il.Emit(OpCodes.Call, typeof(ArrayView<ulong>).GetProperty(nameof(ArrayView<ulong>.Length))!.GetMethod!);
        il.Emit(OpCodes.Ldc_I4, 63);
        il.Emit(OpCodes.Shr_Un);
        if (single)
        {
            il.Emit(OpCodes.Conv_I4);
        }

        il.Emit(OpCodes.Stloc, zero);
        bool[] parameterRead = new bool[parameters.Length];
        bool[] variableRead = new bool[variables.Length];
        foreach (Node node in plan.Temporaries.Concat(plan.Outputs))
        {
            MarkReads(node, parameterRead, variableRead);
        }

        for (int j = 0; j < parameters.Length; j++)
        {
            parameters[j] = parameterRead[j] ? LoadElement(p, j) : null;
        }

        for (int k = 0; k < variables.Length; k++)
        {
            variables[k] = variableRead[k] ? LoadElement(v, k) : null;
        }

        for (int k = 0; k < temporaries.Length; k++)
        {
            Load(plan.Temporaries[k]);
            temporaries[k] = il.DeclareLocal(Real);
            il.Emit(OpCodes.Stloc, temporaries[k]);
        }
    }

    private static void MarkReads(Node node, bool[] parameterRead, bool[] variableRead)
    {
        switch (node)
        {
            case ParameterNode parameter:
                parameterRead[parameter.Index] = true;
                break;
            case VariableNode variable:
                variableRead[variable.Index] = true;
                break;
            default:
                foreach (Node child in node.Children)
                {
                    MarkReads(child, parameterRead, variableRead);
                }

                break;
        }
    }

    private LocalBuilder LoadElement(byte view, int index)
    {
        LoadElementAddress(view, index);
        il.Emit(single ? OpCodes.Ldind_R4 : OpCodes.Ldind_R8);
        LocalBuilder local = il.DeclareLocal(Real);
        il.Emit(OpCodes.Stloc, local);
        return local;
    }

    // ArrayView<T>.this[int] returns ref T: the view argument's address, the index, the call.
    private void LoadElementAddress(byte view, int index)
    {
        il.Emit(OpCodes.Ldarga_S, view);
        il.Emit(OpCodes.Ldc_I4, index);
        il.Emit(OpCodes.Call, element);
    }

    // A literal reaches ILGPU as its bits or'ed with zero, (ulong)tables.Exp.Length >> 63: 0 at
    // run time, but no constant to ILGPU, which cannot know a kernel argument's length. ILGPU
    // 1.5.3's IR builder rewrites floating-point arithmetic on constants as IEEE arithmetic does
    // not allow ((x + c1) + c2 as x + (c1 + c2), likewise for - and *; x + 0 as x, wrong for -0;
    // 0 - x as -x, wrong for +0), which would change the doubles; an opaque operand leaves every
    // operation as the plan has it.
    private void LoadConstant(double value)
    {
        if (single)
        {
            il.Emit(OpCodes.Ldc_I4, BitConverter.SingleToInt32Bits((float)value));
        }
        else
        {
            il.Emit(OpCodes.Ldc_I8, BitConverter.DoubleToInt64Bits(value));
        }

        il.Emit(OpCodes.Ldloc, zero);
        il.Emit(OpCodes.Or);
        il.Emit(OpCodes.Call, fromBits);
    }

    private void Load(Node node)
    {
        switch (node)
        {
            case NumberNode n:
                LoadConstant(n.Value);
                break;
            case ParameterNode p:
                il.Emit(OpCodes.Ldloc, parameters[p.Index]!);
                break;
            case VariableNode v:
                il.Emit(OpCodes.Ldloc, variables[v.Index]!);
                break;
            case TemporaryNode t:
                il.Emit(OpCodes.Ldloc, temporaries[t.Index]);
                break;
            case NegateNode neg:
                Load(neg.Operand);
                il.Emit(OpCodes.Neg);
                break;
            case BinaryNode b:
                LoadBinary(b);
                break;
            case CallNode { Function: ModelFunction.Sign } sign:
                LoadSign(sign.Children[0]);
                break;
            case CallNode call:
                foreach (Node argument in call.Children)
                {
                    Load(argument);
                }

                Call(DeviceFunctions.For(call.Function, single));
                break;
            case ConditionalNode c:
                LoadConditional(c);
                break;
            default:
                throw new InvalidOperationException($"cannot emit a {node.GetType().Name}");
        }
    }

    private void LoadBinary(BinaryNode b)
    {
        if (b.IsPowerOfOne)
        {
            Load(b.Left);
            return;
        }

        int k = b.SmallIntegerExponent;
        if (k > 0)
        {
            // u^k as ((u*u)*u)*u, left to right; the plan makes u a leaf or a temporary.
            Load(b.Left);
            for (int r = 1; r < k; r++)
            {
                Load(b.Left);
                il.Emit(OpCodes.Mul);
            }

            return;
        }

        Load(b.Left);
        Load(b.Right);
        switch (b.Operator)
        {
            case BinaryOperator.Add:
                il.Emit(OpCodes.Add);
                break;
            case BinaryOperator.Subtract:
                il.Emit(OpCodes.Sub);
                break;
            case BinaryOperator.Multiply:
                il.Emit(OpCodes.Mul);
                break;
            case BinaryOperator.Divide:
                il.Emit(OpCodes.Div);
                break;
            default:
                Call(DeviceFunctions.Pow(single));
                break;
        }
    }

    // sign(u) = u > 0 ? 1 : (u < 0 ? -1 : u): u itself for ±0 and NaN (see LoadConditional for
    // why NaN is tested first).
    private void LoadSign(Node u)
    {
        Label itself = il.DefineLabel();
        Label positive = il.DefineLabel();
        Label negative = il.DefineLabel();
        Label done = il.DefineLabel();
        LocalBuilder value = Store(u);
        BranchIfNaN(value, itself);
        il.Emit(OpCodes.Ldloc, value);
        LoadConstant(0.0);
        il.Emit(OpCodes.Bgt, positive);
        il.Emit(OpCodes.Ldloc, value);
        LoadConstant(0.0);
        il.Emit(OpCodes.Blt, negative);
        il.MarkLabel(itself);
        il.Emit(OpCodes.Ldloc, value);
        il.Emit(OpCodes.Br, done);
        il.MarkLabel(positive);
        LoadConstant(1.0);
        il.Emit(OpCodes.Br, done);
        il.MarkLabel(negative);
        LoadConstant(-1.0);
        il.MarkLabel(done);
    }

    // (left <= right ? a : b) and (left >= right ? a : b); a NaN side takes b. ILGPU 1.5.3's
    // OpenCL backend writes every floating-point comparison as C's ordered one, dropping IL's
    // "unordered" (bgt.un, C#'s usual branch for !(x <= y)), and its if-conversion may invert
    // any comparison into an unordered one; both differ only for a NaN operand, so NaN is
    // tested first (IsNaN is a predicate, not a comparison) and the comparison never sees one.
    private void LoadConditional(ConditionalNode c)
    {
        Label whenTrue = il.DefineLabel();
        Label whenFalse = il.DefineLabel();
        Label done = il.DefineLabel();
        LocalBuilder left = Store(c.Left);
        LocalBuilder right = Store(c.Right);
        BranchIfNaN(left, whenFalse);
        BranchIfNaN(right, whenFalse);
        il.Emit(OpCodes.Ldloc, left);
        il.Emit(OpCodes.Ldloc, right);
        il.Emit(c.Comparison == Comparison.LessOrEqual ? OpCodes.Ble : OpCodes.Bge, whenTrue);
        il.MarkLabel(whenFalse);
        Load(c.WhenFalse);
        il.Emit(OpCodes.Br, done);
        il.MarkLabel(whenTrue);
        Load(c.WhenTrue);
        il.MarkLabel(done);
    }

    private LocalBuilder Store(Node node)
    {
        Load(node);
        LocalBuilder local = il.DeclareLocal(Real);
        il.Emit(OpCodes.Stloc, local);
        return local;
    }

    private void BranchIfNaN(LocalBuilder value, Label target)
    {
        il.Emit(OpCodes.Ldloc, value);
        il.Emit(OpCodes.Call, isNaN);
        il.Emit(OpCodes.Brtrue, target);
    }

    private void Call(DeviceFunction function)
    {
        if (function.TakesTables)
        {
            il.Emit(OpCodes.Ldarg_S, tablesArgument);
        }

        il.Emit(OpCodes.Call, function.Method);
    }
}
