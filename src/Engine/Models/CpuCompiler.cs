using System.Linq.Expressions;

namespace GpuLm.Models;

/// <summary>Evaluates a model's outputs at m points: values, or the Jacobian column-major.</summary>
/// <param name="p">The parameters (at least n; not checked).</param>
/// <param name="vars">The points' variables, point i at <c>varsOffset + i*d</c>.</param>
/// <param name="varsOffset">Where point 0 starts in <paramref name="vars"/>.</param>
/// <param name="m">The number of points.</param>
/// <param name="output">Receives output j of point i at <c>i + j*m</c>.</param>
internal delegate void PointsKernel(double[] p, double[] vars, int varsOffset, int m, double[] output);

/// <summary>
/// Compiles an <see cref="EvaluationPlan"/> to a loop over the points, as one
/// <see cref="System.Linq.Expressions"/> lambda the JIT turns into machine code.
/// </summary>
/// <remarks>
/// The generated method loads the parameters into locals once, then for each point loads
/// its variables (a running index steps through <c>vars</c> by d), computes the
/// temporaries into locals and stores the outputs (output j at <c>i + j*m</c>, the column
/// offsets computed once). It holds no
/// state, so any number of threads may run it at once, and allocates nothing. Each node
/// becomes the IL operation or <see cref="Math"/> call of the same name, so doubles come out
/// as a hand-written C# loop over the same expression gives them (the JIT does not contract
/// to FMA).
/// </remarks>
internal static class CpuCompiler
{
    /// <summary>Compiles <paramref name="plan"/> for a model with the given sizes.</summary>
    /// <param name="plan">The outputs to compute at each point.</param>
    /// <param name="parameterCount">n, the parameters the plan may read.</param>
    /// <param name="variableCount">d, the variables per point.</param>
    public static PointsKernel Compile(EvaluationPlan plan, int parameterCount, int variableCount)
    {
        ParameterExpression p = Expression.Parameter(typeof(double[]), "p");
        ParameterExpression vars = Expression.Parameter(typeof(double[]), "vars");
        ParameterExpression varsOffset = Expression.Parameter(typeof(int), "varsOffset");
        ParameterExpression m = Expression.Parameter(typeof(int), "m");
        ParameterExpression output = Expression.Parameter(typeof(double[]), "output");

        var locals = new List<ParameterExpression>();
        var body = new List<Expression>();

        var parameters = new ParameterExpression[parameterCount];
        for (int j = 0; j < parameterCount; j++)
        {
            parameters[j] = Expression.Variable(typeof(double), "p" + j);
            locals.Add(parameters[j]);
            body.Add(Expression.Assign(parameters[j], Expression.ArrayIndex(p, Expression.Constant(j))));
        }

        int outputCount = plan.Outputs.Count;
        var columns = new ParameterExpression[outputCount];
        for (int j = 1; j < outputCount; j++)
        {
            columns[j] = Expression.Variable(typeof(int), "column" + j);
            locals.Add(columns[j]);
            body.Add(Expression.Assign(columns[j], Expression.Multiply(Expression.Constant(j), m)));
        }

        ParameterExpression i = Expression.Variable(typeof(int), "i");
        ParameterExpression start = Expression.Variable(typeof(int), "start");
        locals.Add(i);
        locals.Add(start);
        var variables = new ParameterExpression[variableCount];
        for (int k = 0; k < variableCount; k++)
        {
            variables[k] = Expression.Variable(typeof(double), "v" + k);
            locals.Add(variables[k]);
        }

        var temporaries = new ParameterExpression[plan.Temporaries.Count];
        for (int k = 0; k < temporaries.Length; k++)
        {
            temporaries[k] = Expression.Variable(typeof(double), "t" + k);
            locals.Add(temporaries[k]);
        }

        var translator = new Translator(parameters, variables, temporaries);
        var point = new List<Expression>();
        for (int k = 0; k < variableCount; k++)
        {
            Expression index = k == 0 ? start : Expression.Add(start, Expression.Constant(k));
            point.Add(Expression.Assign(variables[k], Expression.ArrayIndex(vars, index)));
        }

        point.Add(Expression.AddAssign(start, Expression.Constant(variableCount)));

        for (int k = 0; k < temporaries.Length; k++)
        {
            point.Add(Expression.Assign(temporaries[k], translator.Translate(plan.Temporaries[k])));
        }

        for (int j = 0; j < outputCount; j++)
        {
            Expression index = j == 0 ? i : Expression.Add(i, columns[j]);
            point.Add(Expression.Assign(Expression.ArrayAccess(output, index), translator.Translate(plan.Outputs[j])));
        }

        point.Add(Expression.PreIncrementAssign(i));

        LabelTarget done = Expression.Label("done");
        body.Add(Expression.Assign(start, varsOffset));
        body.Add(Expression.Assign(i, Expression.Constant(0)));
        body.Add(Expression.Loop(
            Expression.IfThenElse(Expression.LessThan(i, m), Expression.Block(point), Expression.Break(done)),
            done));

        Expression<PointsKernel> lambda = Expression.Lambda<PointsKernel>(
            Expression.Block(locals, body), "ModelKernel", [p, vars, varsOffset, m, output]);
        return lambda.Compile();
    }

    private sealed class Translator(
        ParameterExpression[] parameters, ParameterExpression[] variables, ParameterExpression[] temporaries)
    {
        private static readonly ConstantExpression Zero = Expression.Constant(0.0);

        public Expression Translate(Node node)
        {
            switch (node)
            {
                case NumberNode n:
                    return Expression.Constant(n.Value);
                case ParameterNode p:
                    return parameters[p.Index];
                case VariableNode v:
                    return variables[v.Index];
                case TemporaryNode t:
                    return temporaries[t.Index];
                case NegateNode neg:
                    return Expression.Negate(Translate(neg.Operand));
                case BinaryNode b:
                    return TranslateBinary(b);
                case CallNode { Function: ModelFunction.Sign } sign:
                {
                    Expression u = Translate(sign.Children[0]);
                    return Expression.Condition(
                        Expression.GreaterThan(u, Zero),
                        Expression.Constant(1.0),
                        Expression.Condition(Expression.LessThan(u, Zero), Expression.Constant(-1.0), u));
                }

                case CallNode call:
                    return Expression.Call(
                        ModelFunctions.Info(call.Function).Method!, call.Children.Select(Translate));
                case ConditionalNode c:
                {
                    Expression left = Translate(c.Left);
                    Expression right = Translate(c.Right);
                    Expression test = c.Comparison == Comparison.LessOrEqual
                        ? Expression.LessThanOrEqual(left, right)
                        : Expression.GreaterThanOrEqual(left, right);
                    return Expression.Condition(test, Translate(c.WhenTrue), Translate(c.WhenFalse));
                }

                default:
                    throw new InvalidOperationException($"cannot compile a {node.GetType().Name}");
            }
        }

        private Expression TranslateBinary(BinaryNode b)
        {
            if (b.IsPowerOfOne)
            {
                return Translate(b.Left);
            }

            int k = b.SmallIntegerExponent;
            if (k > 0)
            {
                // u^k as ((u*u)*u)*u, left to right.
                Expression u = Translate(b.Left);
                Expression product = u;
                for (int r = 1; r < k; r++)
                {
                    product = Expression.Multiply(product, u);
                }

                return product;
            }

            Expression left = Translate(b.Left);
            Expression right = Translate(b.Right);
            return b.Operator switch
            {
                BinaryOperator.Add => Expression.Add(left, right),
                BinaryOperator.Subtract => Expression.Subtract(left, right),
                BinaryOperator.Multiply => Expression.Multiply(left, right),
                BinaryOperator.Divide => Expression.Divide(left, right),
                _ => Expression.Call(ModelFunctions.PowMethod, left, right),
            };
        }
    }
}
