// The two leastsq examples a scipy user knows, run through GpuLm.LeastSq.
// scipy's output is quoted beside each, so the numbers can be compared line by line.
using System.Globalization;
using GpuLm;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// scipy's docstring example:
//   >>> leastsq(lambda x: 2*(x-3)**2 + 1, 0)
//   (array([2.99999999]), 1)
LeastSqResult docstring = LeastSq.Solve(
    (x, f) =>
    {
        double d = x[0] - 3.0;
        f[0] = 2.0 * (d * d) + 1.0;
    },
    m: 1,
    x0: [0.0]);
Console.WriteLine("leastsq(lambda x: 2*(x-3)**2 + 1, 0)");
Console.WriteLine($"({Numpy(docstring.X)}, {docstring.Ier})");
Console.WriteLine($"  x    = {docstring.X[0]:R}   (scipy 1.10.1: 2.99999999307631)");
Console.WriteLine($"  nfev = {docstring.Nfev}   mesg = {docstring.Mesg.Replace("\n", " ", StringComparison.Ordinal)}");
Console.WriteLine();

// A curve fit with cov_x: y = a·exp(−t/tau) + c, residual model − data, analytic Jacobian.
//   >>> x, cov_x, infodict, mesg, ier = leastsq(res, [4.0, 1.0, 0.5], Dfun=jac, full_output=True)
double[] t = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
double[] y = [5.95, 4.37, 3.26, 2.61, 2.05, 1.75, 1.51, 1.40, 1.30, 1.24];
LeastSqResult fit = LeastSq.Solve(
    (p, f) =>
    {
        for (int i = 0; i < t.Length; i++)
        {
            f[i] = p[0] * Math.Exp(-t[i] / p[1]) + p[2] - y[i];
        }
    },
    m: t.Length,
    x0: [4.0, 1.0, 0.5],
    dfun: (p, jac) =>
    {
        for (int i = 0; i < t.Length; i++)
        {
            double e = Math.Exp(-t[i] / p[1]);
            jac[i * 3 + 0] = e;
            jac[i * 3 + 1] = p[0] * e * t[i] / (p[1] * p[1]);
            jac[i * 3 + 2] = 1.0;
        }
    });

Console.WriteLine("leastsq(res, [4.0, 1.0, 0.5], Dfun=jac, full_output=True)  # y = a*exp(-t/tau) + c");
Console.WriteLine($"x     = {Numpy(fit.X)}");
Console.WriteLine("cov_x =");
for (int i = 0; i < 3; i++)
{
    Console.WriteLine($"  [{string.Join(", ", Enumerable.Range(0, 3).Select(j => fit.CovX![i, j].ToString("0.00000000", CultureInfo.InvariantCulture).PadLeft(12)))}]");
}

Console.WriteLine($"ier   = {fit.Ier}, nfev = {fit.Nfev}, njev = {fit.Njev}");
Console.WriteLine($"mesg  = {fit.Mesg}");

// curve_fit's standard errors: sqrt(diag(cov_x) · RSS/(m − n)).
double s2 = fit.Rss / (t.Length - 3);
string[] names = ["a", "tau", "c"];
for (int j = 0; j < 3; j++)
{
    Console.WriteLine($"  {names[j],-3} = {fit.X[j]:F6} ± {Math.Sqrt(fit.CovX![j, j] * s2):F6}");
}

Console.WriteLine("(scipy 1.10.1: x = [4.86207289 2.50531958 1.09395118], ier 1, nfev 6, njev 5, "
    + "standard errors [0.02795649 0.03872827 0.02158423])");

// numpy's default repr of a float64 vector: 8 decimals, trailing zeros dropped.
static string Numpy(double[] v) =>
    "array([" + string.Join(", ", v.Select(d => d.ToString("0.########", CultureInfo.InvariantCulture))) + "])";
