namespace GpuLm.Kernels.Models;

/// <summary>
/// erf and erfc on the device: GpuLm's own (<c>GpuLm.Models.SpecialFunctions</c>, what the
/// CPU evaluator calls), operation for operation, in code ILGPU compiles.
/// </summary>
/// <remarks>
/// <para>SpecialFunctions itself cannot run in a kernel: it calls <see cref="Math.Exp"/>, which
/// ILGPU compiles to the device's own exp, and <see cref="Math.FusedMultiplyAdd(double, double, double)"/>,
/// which ILGPU cannot compile, and reads two static arrays. This copy calls
/// <see cref="DeviceMath.Exp"/> (glibc's exp bit for bit) and <see cref="DeviceMath.Fma"/>
/// (exact) instead, writes the two Horner loops out, and writes one sum so that ILGPU does not
/// regroup its constants; every other operation is SpecialFunctions' own, in its order, so on a
/// device the results are the CPU's bits wherever DeviceMath.Exp is <see cref="Math.Exp"/>'s. The method and the coefficients are fdlibm's
/// <c>s_erf.c</c>; see SpecialFunctions for the approximations and their accuracy. A change
/// there must be made here too: the device model tests compare the two bit for bit.</para>
/// </remarks>
internal static class DeviceErf
{
    // erx: erf(1) rounded to single precision, so that erx + P1/Q1 loses nothing.
    private const double Erx = 8.45062911510467529297e-01;

    // 2/sqrt(pi) - 1, and 8 times it, for |x| < 2^-28.
    private const double Efx = 1.28379167095512586316e-01;
    private const double Efx8 = 1.02703333676410069053e+00;

    // erf on [0, 0.84375]: (erf(x) - x)/x = P(x²)/Q(x²).
    private const double Pp0 = 1.28379167095512558561e-01;
    private const double Pp1 = -3.25042107247001499370e-01;
    private const double Pp2 = -2.84817495755985104766e-02;
    private const double Pp3 = -5.77027029648944159157e-03;
    private const double Pp4 = -2.37630166566501626084e-05;
    private const double Qq1 = 3.97917223959155352819e-01;
    private const double Qq2 = 6.50222499887672944485e-02;
    private const double Qq3 = 5.08130628187576562776e-03;
    private const double Qq4 = 1.32494738004321644526e-04;
    private const double Qq5 = -3.96022827877536812320e-06;

    // erf on [0.84375, 1.25]: erf(1 + s) - erx = P1(s)/Q1(s).
    private const double Pa0 = -2.36211856075265944077e-03;
    private const double Pa1 = 4.14856118683748331666e-01;
    private const double Pa2 = -3.72207876035701323847e-01;
    private const double Pa3 = 3.18346619901161753674e-01;
    private const double Pa4 = -1.10894694282396677476e-01;
    private const double Pa5 = 3.54783043256182359371e-02;
    private const double Pa6 = -2.16637559486879084300e-03;
    private const double Qa1 = 1.06420880400844228286e-01;
    private const double Qa2 = 5.40397917702171048937e-01;
    private const double Qa3 = 7.18286544141962662868e-02;
    private const double Qa4 = 1.26171219808761642112e-01;
    private const double Qa5 = 1.36370839120290507362e-02;
    private const double Qa6 = 1.19844998467991074170e-02;

    // erfc on [1.25, 1/0.35]: log(x·erfc(x)) + x² + 0.5625 = R1(1/x²)/S1(1/x²).
    private const double Ra0 = -9.86494403484714822705e-03;
    private const double Ra1 = -6.93858572707181764372e-01;
    private const double Ra2 = -1.05586262253232909814e+01;
    private const double Ra3 = -6.23753324503260060396e+01;
    private const double Ra4 = -1.62396669462573470355e+02;
    private const double Ra5 = -1.84605092906711035994e+02;
    private const double Ra6 = -8.12874355063065934246e+01;
    private const double Ra7 = -9.81432934416914548592e+00;
    private const double Sa1 = 1.96512716674392571292e+01;
    private const double Sa2 = 1.37657754143519042600e+02;
    private const double Sa3 = 4.34565877475229228821e+02;
    private const double Sa4 = 6.45387271733267880336e+02;
    private const double Sa5 = 4.29008140027567833386e+02;
    private const double Sa6 = 1.08635005541779435134e+02;
    private const double Sa7 = 6.57024977031928170135e+00;
    private const double Sa8 = -6.04244152148580987438e-02;

    // erfc on [1/0.35, 28]: the same quantity, R2(1/x²)/S2(1/x²).
    private const double Rb0 = -9.86494292470009928597e-03;
    private const double Rb1 = -7.99283237680523006574e-01;
    private const double Rb2 = -1.77579549177547519889e+01;
    private const double Rb3 = -1.60636384855821916062e+02;
    private const double Rb4 = -6.37566443368389627722e+02;
    private const double Rb5 = -1.02509513161107724954e+03;
    private const double Rb6 = -4.83519191608651397019e+02;
    private const double Sb1 = 3.03380607434824582924e+01;
    private const double Sb2 = 3.25792512996573918826e+02;
    private const double Sb3 = 1.53672958608443695994e+03;
    private const double Sb4 = 3.19985821950859553908e+03;
    private const double Sb5 = 2.55305040643316442583e+03;
    private const double Sb6 = 4.74528541206955367215e+02;
    private const double Sb7 = -2.24409524465858183362e+01;

    // Thresholds on the high 32 bits of |x|.
    private const int Below2PowMinus1015 = 0x00800000;   // scale x·efx up to avoid underflow
    private const int Below2PowMinus56 = 0x3c700000;     // erfc(x) = 1 - x
    private const int Below2PowMinus28 = 0x3e300000;     // erf(x) = x + efx·x
    private const int BelowQuarter = 0x3fd00000;         // 0.25
    private const int Below0p84375 = 0x3feb0000;         // 0.84375
    private const int Below1p25 = 0x3ff40000;            // 1.25
    private const int ErfBelowSplit = 0x4006DB6E;        // 1/0.35 ≈ 2.857143, as erf splits
    private const int ErfcBelowSplit = 0x4006DB6D;       // 1/0.35, as erfc splits
    private const int Below6 = 0x40180000;               // 6
    private const int Below28 = 0x403c0000;              // 28
    private const int InfOrNaN = 0x7ff00000;

    /// <summary>Returns erf(x) = 2/√π ∫₀ˣ e^(−t²) dt.</summary>
    /// <param name="x">The argument; erf(±∞) = ±1, erf(NaN) = NaN.</param>
    /// <param name="tables">The device math tables (exp's).</param>
    public static double Erf(double x, MathTables tables)
    {
        int hx = HighWord(x);
        int ix = hx & 0x7fffffff;
        if (ix >= InfOrNaN)
        {
            return double.IsNaN(x) ? x : hx >= 0 ? 1.0 : -1.0;
        }

        if (ix < Below0p84375)
        {
            if (ix < Below2PowMinus28)
            {
                return ix < Below2PowMinus1015 ? 0.125 * (8.0 * x + Efx8 * x) : x + Efx * x;
            }

            return x + x * SmallRatio(x * x);
        }

        if (ix < Below1p25)
        {
            double r = NearOneRatio(Math.Abs(x) - 1.0);
            return hx >= 0 ? Erx + r : -Erx - r;
        }

        if (ix >= Below6)
        {
            return hx >= 0 ? 1.0 : -1.0;
        }

        double tail = TailTimesX(Math.Abs(x), ix < ErfBelowSplit, tables);
        return hx >= 0 ? 1.0 - tail : tail - 1.0;
    }

    /// <summary>Returns erfc(x) = 1 − erf(x), accurate also where erf(x) is close to 1.</summary>
    /// <param name="x">The argument; erfc(+∞) = 0, erfc(−∞) = 2, erfc(NaN) = NaN.</param>
    /// <param name="tables">The device math tables (exp's).</param>
    public static double Erfc(double x, MathTables tables)
    {
        int hx = HighWord(x);
        int ix = hx & 0x7fffffff;
        if (ix >= InfOrNaN)
        {
            return double.IsNaN(x) ? x : hx >= 0 ? 0.0 : 2.0;
        }

        if (ix < Below0p84375)
        {
            if (ix < Below2PowMinus56)
            {
                return 1.0 - x;
            }

            double y = SmallRatio(x * x);
            if (hx < BelowQuarter)
            {
                // x < 1/4 (negative x included): 1 - erf(x) loses nothing.
                return 1.0 - (x + x * y);
            }

            // 1/4 <= x < 0.84375: erfc = 1 - x - x·y cancels. fdlibm's 0.5 - ((x - 0.5) + x·y)
            // rounds twice at a coarser ulp than the result's (2.4 ulps); here 0.5 - x and
            // 1 - x are exact (Sterbenz) and one FMA rounds at the result's own scale.
            return x < 0.5 ? 0.5 + DeviceMath.Fma(-x, y, 0.5 - x) : DeviceMath.Fma(-x, y, 1.0 - x);
        }

        if (ix < Below1p25)
        {
            if (hx < 0)
            {
                // SpecialFunctions' 1.0 + (erx + r), which ILGPU's IR builder would regroup as
                // r + (1.0 + erx); subtracting -1.0 is the same IEEE operation, kept as written.
                return (Erx + NearOneRatio(-x - 1.0)) - -1.0;
            }

            // (1 - erx) - P/Q cancels near 1.25, where P/Q is as large as the result: P and
            // Q are summed with one rounding per step and the division's remainder is
            // carried into the last subtraction.
            double s = x - 1.0;
            double p = NearOneNumerator(s);
            double q = NearOneDenominator(s);
            double quotient = p / q;
            double remainder = DeviceMath.Fma(-quotient, q, p);
            return ((1.0 - Erx) - quotient) - remainder / q;
        }

        if (ix < Below28)
        {
            bool lowRange = ix < ErfcBelowSplit;
            if (!lowRange && hx < 0 && ix >= Below6)
            {
                return 2.0;
            }

            double tail = TailTimesX(Math.Abs(x), lowRange, tables);
            return hx > 0 ? tail : 2.0 - tail;
        }

        return hx > 0 ? 0.0 : 2.0;
    }

    // (erf(x) - x)/x for |x| < 0.84375, from z = x².
    private static double SmallRatio(double z)
    {
        double r = Pp0 + z * (Pp1 + z * (Pp2 + z * (Pp3 + z * Pp4)));
        double s = 1.0 + z * (Qq1 + z * (Qq2 + z * (Qq3 + z * (Qq4 + z * Qq5))));
        return r / s;
    }

    // erf(1 + s) - erx for 0.84375 <= 1 + s < 1.25.
    private static double NearOneRatio(double s)
    {
        double p = Pa0 + s * (Pa1 + s * (Pa2 + s * (Pa3 + s * (Pa4 + s * (Pa5 + s * Pa6)))));
        double q = 1.0 + s * (Qa1 + s * (Qa2 + s * (Qa3 + s * (Qa4 + s * (Qa5 + s * Qa6)))));
        return p / q;
    }

    // P1 and Q1 by Horner's rule with one rounding per step, highest degree first.
    private static double NearOneNumerator(double s) =>
        DeviceMath.Fma(DeviceMath.Fma(DeviceMath.Fma(DeviceMath.Fma(DeviceMath.Fma(DeviceMath.Fma(Pa6, s, Pa5), s, Pa4), s, Pa3), s, Pa2), s, Pa1), s, Pa0);

    private static double NearOneDenominator(double s) =>
        DeviceMath.Fma(DeviceMath.Fma(DeviceMath.Fma(DeviceMath.Fma(DeviceMath.Fma(DeviceMath.Fma(Qa6, s, Qa5), s, Qa4), s, Qa3), s, Qa2), s, Qa1), s, 1.0);

    // erfc(a) for 1.25 <= a < 28, as exp(-a² - 0.5625 + R/S)/a.
    private static double TailTimesX(double a, bool lowRange, MathTables tables)
    {
        double s = 1.0 / (a * a);
        double r;
        double q;
        if (lowRange)
        {
            r = Ra0 + s * (Ra1 + s * (Ra2 + s * (Ra3 + s * (Ra4 + s * (Ra5 + s * (Ra6 + s * Ra7))))));
            q = 1.0 + s * (Sa1 + s * (Sa2 + s * (Sa3 + s * (Sa4 + s * (Sa5 + s * (Sa6 + s * (Sa7 + s * Sa8)))))));
        }
        else
        {
            r = Rb0 + s * (Rb1 + s * (Rb2 + s * (Rb3 + s * (Rb4 + s * (Rb5 + s * Rb6)))));
            q = 1.0 + s * (Sb1 + s * (Sb2 + s * (Sb3 + s * (Sb4 + s * (Sb5 + s * (Sb6 + s * Sb7))))));
        }

        // z carries a's high 21 mantissa bits, so -z·z - 0.5625 is exact and exp(-a²) is
        // split into exp(-z² - 0.5625)·exp((z - a)(z + a)) without cancellation. fdlibm
        // multiplies two exps and divides, four roundings that reach 2.7 ulps; here the
        // exponent is summed exactly as hi + lo, one exp is taken, and e·(1 + lo)/a is
        // formed with the division's own error folded back in (FMA), leaving the exp and
        // the final rounding.
        double z = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & unchecked((long)0xFFFFFFFF00000000UL));
        double head = -z * z - 0.5625;
        double rest = (z - a) * (z + a) + r / q;
        double hi = head + rest;
        double restPart = hi - head;
        double lo = (head - (hi - restPart)) + (rest - restPart);
        double e = DeviceMath.Exp(hi, tables);
        double quotient = e / a;
        double remainder = DeviceMath.Fma(-quotient, a, e);
        return quotient + (remainder + e * lo) / a;
    }

    private static int HighWord(double x) => (int)(BitConverter.DoubleToInt64Bits(x) >> 32);
}
