using ILGPU;

namespace GpuLm.Kernels;

/// <summary>
/// Double pow bit for bit as glibc 2.36 computes it on an x86-64 CPU with FMA and AVX2, so that
/// a model's pow on the device equals <see cref="Math.Pow"/> on the CPU (.NET calls the C
/// library's pow; on Linux that is glibc's). Ported from GpuLm's former C99 <c>gpulm_pow.h</c>; its exp
/// shares <see cref="DeviceExp"/>'s table and constants.
/// </summary>
/// <remarks>
/// <para>Which glibc build: as for exp, libm's pow selects by ifunc among an SSE2, an FMA4 and
/// an FMA build of sysdeps/ieee754/dbl-64/e_pow.c (Szabolcs Nagy's algorithm); this class
/// mirrors the FMA build, __pow_fma, instruction by instruction as objdump shows it in Debian's
/// libm.so.6 (glibc 2.36-9): every vfmadd/vfmsub there is a <see cref="DeviceMath.Fma"/> here,
/// every other operation is one rounded operation.</para>
/// <para>The algorithm: log(x) in double-double (hi + lo) by log_inline: x = 2^k z with z in
/// [0x1.69555p-1, 0x1.69555p+0), i = the top 7 bits of z's mantissa (offset), r = z invc - 1
/// (fused), log(x) = k ln2 + logc + logctail + log1p(r), log1p(r) by r - r^2/2 + r^3 A(r) with
/// the error of -r^2/2 kept (fused); invc, logc, logctail from glibc's 128-entry
/// __pow_log_data table (its bytes, read from libm.so.6). Then y log(x) as ehi + elo (ehi = y hi
/// rounded, elo = fma(y, lo, fma(y, hi, -ehi))) and exp(ehi + elo) by <see cref="DeviceExp"/>'s
/// algorithm with the tail added to r and the sign of a negative x raised to an odd integer
/// folded into the scale. Special cases as glibc: x or y zero, inf or NaN; x &lt; 0 (NaN unless
/// y is an integer; the sign for odd y); subnormal x normalised by 2^52; |y| &lt; 2^-65
/// (1 ± y) and |y| ≥ 2^63 (0 or inf); results that overflow, underflow or are subnormal
/// (rounded once).</para>
/// </remarks>
internal static class DevicePow
{
    // log_inline's constants: ln2 in a high and a low part, and the polynomial A1..A6 of
    // log1p(r) = r + A0 r^2 + r^3 (A1 + r A2 + ...), A0 = -1/2 (__pow_log_data.poly, scaled as
    // the FMA build loads them). Each is the shortest decimal that round-trips to the double
    // named in its comment.

    /// <summary>ln2, high part, 0x1.62e42fefa3800p-1.</summary>
    private const double Ln2Hi = 0.6931471805598903;

    /// <summary>ln2, low part, 0x1.ef35793c76730p-45.</summary>
    private const double Ln2Lo = 5.497923018708371e-14;

    /// <summary>-1/2, -0x1p-1.</summary>
    private const double A0 = -0.5;

    /// <summary>-0x1.5555555555560p-1.</summary>
    private const double A1 = -0.6666666666666679;

    /// <summary>0x1.0000000000006p-1.</summary>
    private const double A2 = 0.5000000000000007;

    /// <summary>0x1.999999959554ep-1.</summary>
    private const double A3 = 0.7999999995323976;

    /// <summary>-0x1.555555529a47ap-1.</summary>
    private const double A4 = -0.6666666663487739;

    /// <summary>-0x1.2495b9b4845e9p+0.</summary>
    private const double A5 = -1.142909628459501;

    /// <summary>0x1.0002b8b263fc3p+0.</summary>
    private const double A6 = 1.0000415263675542;

    /// <summary>2^52, 0x1p52: normalises a subnormal x.</summary>
    private const double TwoTo52 = 4503599627370496.0;

    /// <summary>The bits of 1.0.</summary>
    private const ulong OneBits = 0x3ff0000000000000;

    /// <summary>The bits of +inf.</summary>
    private const ulong InfBits = 0x7ff0000000000000;

    /// <summary>The sign bit.</summary>
    private const ulong SignBit = 0x8000000000000000;

    /// <summary>The offset of log_inline's subintervals: the bits of 0x1.69555p-1 with the low mantissa cleared.</summary>
    private const ulong LogOffset = 0x3fe6955500000000;

    /// <summary>__pow_log_data.tab: for i = 0..127, invc, logc and logctail (glibc's padding left out); 384 entries.</summary>
    internal static ReadOnlySpan<ulong> LogTable =>
    [
        0x3ff6a00000000000, 0xbfd62c82f2b9c800, 0x3cfab42428375680,
        0x3ff6800000000000, 0xbfd5d1bdbf580800, 0xbd1ca508d8e0f720,
        0x3ff6600000000000, 0xbfd5767717455800, 0xbd2362a4d5b6506d,
        0x3ff6400000000000, 0xbfd51aad872df800, 0xbce684e49eb067d5,
        0x3ff6200000000000, 0xbfd4be5f95777800, 0xbd041b6993293ee0,
        0x3ff6000000000000, 0xbfd4618bc21c6000, 0x3d13d82f484c84cc,
        0x3ff5e00000000000, 0xbfd404308686a800, 0x3cdc42f3ed820b3a,
        0x3ff5c00000000000, 0xbfd3a64c55694800, 0x3d20b1c686519460,
        0x3ff5a00000000000, 0xbfd347dd9a988000, 0x3d25594dd4c58092,
        0x3ff5800000000000, 0xbfd2e8e2bae12000, 0x3d267b1e99b72bd8,
        0x3ff5600000000000, 0xbfd2895a13de8800, 0x3d15ca14b6cfb03f,
        0x3ff5600000000000, 0xbfd2895a13de8800, 0x3d15ca14b6cfb03f,
        0x3ff5400000000000, 0xbfd22941fbcf7800, 0xbd165a242853da76,
        0x3ff5200000000000, 0xbfd1c898c1699800, 0xbd1fafbc68e75404,
        0x3ff5000000000000, 0xbfd1675cababa800, 0x3d1f1fc63382a8f0,
        0x3ff4e00000000000, 0xbfd1058bf9ae4800, 0xbd26a8c4fd055a66,
        0x3ff4c00000000000, 0xbfd0a324e2739000, 0xbd0c6bee7ef4030e,
        0x3ff4a00000000000, 0xbfd0402594b4d000, 0xbcf036b89ef42d7f,
        0x3ff4a00000000000, 0xbfd0402594b4d000, 0xbcf036b89ef42d7f,
        0x3ff4800000000000, 0xbfcfb9186d5e4000, 0x3d0d572aab993c87,
        0x3ff4600000000000, 0xbfcef0adcbdc6000, 0x3d2b26b79c86af24,
        0x3ff4400000000000, 0xbfce27076e2af000, 0xbd172f4f543fff10,
        0x3ff4200000000000, 0xbfcd5c216b4fc000, 0x3d21ba91bbca681b,
        0x3ff4000000000000, 0xbfcc8ff7c79aa000, 0x3d27794f689f8434,
        0x3ff4000000000000, 0xbfcc8ff7c79aa000, 0x3d27794f689f8434,
        0x3ff3e00000000000, 0xbfcbc286742d9000, 0x3d194eb0318bb78f,
        0x3ff3c00000000000, 0xbfcaf3c94e80c000, 0x3cba4e633fcd9066,
        0x3ff3a00000000000, 0xbfca23bc1fe2b000, 0xbd258c64dc46c1ea,
        0x3ff3a00000000000, 0xbfca23bc1fe2b000, 0xbd258c64dc46c1ea,
        0x3ff3800000000000, 0xbfc9525a9cf45000, 0xbd2ad1d904c1d4e3,
        0x3ff3600000000000, 0xbfc87fa06520d000, 0x3d2bbdbf7fdbfa09,
        0x3ff3400000000000, 0xbfc7ab890210e000, 0x3d2bdb9072534a58,
        0x3ff3400000000000, 0xbfc7ab890210e000, 0x3d2bdb9072534a58,
        0x3ff3200000000000, 0xbfc6d60fe719d000, 0xbd10e46aa3b2e266,
        0x3ff3000000000000, 0xbfc5ff3070a79000, 0xbd1e9e439f105039,
        0x3ff3000000000000, 0xbfc5ff3070a79000, 0xbd1e9e439f105039,
        0x3ff2e00000000000, 0xbfc526e5e3a1b000, 0xbd20de8b90075b8f,
        0x3ff2c00000000000, 0xbfc44d2b6ccb8000, 0x3d170cc16135783c,
        0x3ff2c00000000000, 0xbfc44d2b6ccb8000, 0x3d170cc16135783c,
        0x3ff2a00000000000, 0xbfc371fc201e9000, 0x3cf178864d27543a,
        0x3ff2800000000000, 0xbfc29552f81ff000, 0xbd248d301771c408,
        0x3ff2600000000000, 0xbfc1b72ad52f6000, 0xbd2e80a41811a396,
        0x3ff2600000000000, 0xbfc1b72ad52f6000, 0xbd2e80a41811a396,
        0x3ff2400000000000, 0xbfc0d77e7cd09000, 0x3d0a699688e85bf4,
        0x3ff2400000000000, 0xbfc0d77e7cd09000, 0x3d0a699688e85bf4,
        0x3ff2200000000000, 0xbfbfec9131dbe000, 0xbd2575545ca333f2,
        0x3ff2000000000000, 0xbfbe27076e2b0000, 0x3d2a342c2af0003c,
        0x3ff2000000000000, 0xbfbe27076e2b0000, 0x3d2a342c2af0003c,
        0x3ff1e00000000000, 0xbfbc5e548f5bc000, 0xbd1d0c57585fbe06,
        0x3ff1c00000000000, 0xbfba926d3a4ae000, 0x3d253935e85baac8,
        0x3ff1c00000000000, 0xbfba926d3a4ae000, 0x3d253935e85baac8,
        0x3ff1a00000000000, 0xbfb8c345d631a000, 0x3d137c294d2f5668,
        0x3ff1a00000000000, 0xbfb8c345d631a000, 0x3d137c294d2f5668,
        0x3ff1800000000000, 0xbfb6f0d28ae56000, 0xbd269737c93373da,
        0x3ff1600000000000, 0xbfb51b073f062000, 0x3d1f025b61c65e57,
        0x3ff1600000000000, 0xbfb51b073f062000, 0x3d1f025b61c65e57,
        0x3ff1400000000000, 0xbfb341d7961be000, 0x3d2c5edaccf913df,
        0x3ff1400000000000, 0xbfb341d7961be000, 0x3d2c5edaccf913df,
        0x3ff1200000000000, 0xbfb16536eea38000, 0x3d147c5e768fa309,
        0x3ff1000000000000, 0xbfaf0a30c0118000, 0x3d2d599e83368e91,
        0x3ff1000000000000, 0xbfaf0a30c0118000, 0x3d2d599e83368e91,
        0x3ff0e00000000000, 0xbfab42dd71198000, 0x3d1c827ae5d6704c,
        0x3ff0e00000000000, 0xbfab42dd71198000, 0x3d1c827ae5d6704c,
        0x3ff0c00000000000, 0xbfa77458f632c000, 0xbd2cfc4634f2a1ee,
        0x3ff0c00000000000, 0xbfa77458f632c000, 0xbd2cfc4634f2a1ee,
        0x3ff0a00000000000, 0xbfa39e87b9fec000, 0x3cf502b7f526feaa,
        0x3ff0a00000000000, 0xbfa39e87b9fec000, 0x3cf502b7f526feaa,
        0x3ff0800000000000, 0xbf9f829b0e780000, 0xbd2980267c7e09e4,
        0x3ff0800000000000, 0xbf9f829b0e780000, 0xbd2980267c7e09e4,
        0x3ff0600000000000, 0xbf97b91b07d58000, 0xbd288d5493faa639,
        0x3ff0400000000000, 0xbf8fc0a8b0fc0000, 0xbcdf1e7cf6d3a69c,
        0x3ff0400000000000, 0xbf8fc0a8b0fc0000, 0xbcdf1e7cf6d3a69c,
        0x3ff0200000000000, 0xbf7fe02a6b100000, 0xbd19e23f0dda40e4,
        0x3ff0200000000000, 0xbf7fe02a6b100000, 0xbd19e23f0dda40e4,
        0x3ff0000000000000, 0x0000000000000000, 0x0000000000000000,
        0x3ff0000000000000, 0x0000000000000000, 0x0000000000000000,
        0x3fefc00000000000, 0x3f80101575890000, 0xbd10c76b999d2be8,
        0x3fef800000000000, 0x3f90205658938000, 0xbd23dc5b06e2f7d2,
        0x3fef400000000000, 0x3f98492528c90000, 0xbd2aa0ba325a0c34,
        0x3fef000000000000, 0x3fa0415d89e74000, 0x3d0111c05cf1d753,
        0x3feec00000000000, 0x3fa466aed42e0000, 0xbd2c167375bdfd28,
        0x3fee800000000000, 0x3fa894aa149fc000, 0xbd197995d05a267d,
        0x3fee400000000000, 0x3faccb73cdddc000, 0xbd1a68f247d82807,
        0x3fee200000000000, 0x3faeea31c006c000, 0xbd0e113e4fc93b7b,
        0x3fede00000000000, 0x3fb1973bd1466000, 0xbd25325d560d9e9b,
        0x3feda00000000000, 0x3fb3bdf5a7d1e000, 0x3d2cc85ea5db4ed7,
        0x3fed600000000000, 0x3fb5e95a4d97a000, 0xbd2c69063c5d1d1e,
        0x3fed400000000000, 0x3fb700d30aeac000, 0x3cec1e8da99ded32,
        0x3fed000000000000, 0x3fb9335e5d594000, 0x3d23115c3abd47da,
        0x3fecc00000000000, 0x3fbb6ac88dad6000, 0xbd1390802bf768e5,
        0x3feca00000000000, 0x3fbc885801bc4000, 0x3d2646d1c65aacd3,
        0x3fec600000000000, 0x3fbec739830a2000, 0xbd2dc068afe645e0,
        0x3fec400000000000, 0x3fbfe89139dbe000, 0xbd2534d64fa10afd,
        0x3fec000000000000, 0x3fc1178e8227e000, 0x3d21ef78ce2d07f2,
        0x3febe00000000000, 0x3fc1aa2b7e23f000, 0x3d2ca78e44389934,
        0x3feba00000000000, 0x3fc2d1610c868000, 0x3d039d6ccb81b4a1,
        0x3feb800000000000, 0x3fc365fcb0159000, 0x3cc62fa8234b7289,
        0x3feb400000000000, 0x3fc4913d8333b000, 0x3d25837954fdb678,
        0x3feb200000000000, 0x3fc527e5e4a1b000, 0x3d2633e8e5697dc7,
        0x3feae00000000000, 0x3fc6574ebe8c1000, 0x3d19cf8b2c3c2e78,
        0x3feac00000000000, 0x3fc6f0128b757000, 0xbd25118de59c21e1,
        0x3feaa00000000000, 0x3fc7898d85445000, 0xbd1c661070914305,
        0x3fea600000000000, 0x3fc8beafeb390000, 0xbd073d54aae92cd1,
        0x3fea400000000000, 0x3fc95a5adcf70000, 0x3d07f22858a0ff6f,
        0x3fea000000000000, 0x3fca93ed3c8ae000, 0xbd28724350562169,
        0x3fe9e00000000000, 0x3fcb31d8575bd000, 0xbd0c358d4eace1aa,
        0x3fe9c00000000000, 0x3fcbd087383be000, 0xbd2d4bc4595412b6,
        0x3fe9a00000000000, 0x3fcc6ffbc6f01000, 0xbcf1ec72c5962bd2,
        0x3fe9600000000000, 0x3fcdb13db0d49000, 0xbd2aff2af715b035,
        0x3fe9400000000000, 0x3fce530effe71000, 0x3cc212276041f430,
        0x3fe9200000000000, 0x3fcef5ade4dd0000, 0xbcca211565bb8e11,
        0x3fe9000000000000, 0x3fcf991c6cb3b000, 0x3d1bcbecca0cdf30,
        0x3fe8c00000000000, 0x3fd07138604d5800, 0x3cf89cdb16ed4e91,
        0x3fe8a00000000000, 0x3fd0c42d67616000, 0x3d27188b163ceae9,
        0x3fe8800000000000, 0x3fd1178e8227e800, 0xbd2c210e63a5f01c,
        0x3fe8600000000000, 0x3fd16b5ccbacf800, 0x3d2b9acdf7a51681,
        0x3fe8400000000000, 0x3fd1bf99635a6800, 0x3d2ca6ed5147bdb7,
        0x3fe8200000000000, 0x3fd214456d0eb800, 0x3d0a87deba46baea,
        0x3fe7e00000000000, 0x3fd2bef07cdc9000, 0x3d2a9cfa4a5004f4,
        0x3fe7c00000000000, 0x3fd314f1e1d36000, 0xbd28e27ad3213cb8,
        0x3fe7a00000000000, 0x3fd36b6776be1000, 0x3d116ecdb0f177c8,
        0x3fe7800000000000, 0x3fd3c25277333000, 0x3d183b54b606bd5c,
        0x3fe7600000000000, 0x3fd419b423d5e800, 0x3d08e436ec90e09d,
        0x3fe7400000000000, 0x3fd4718dc271c800, 0xbd2f27ce0967d675,
        0x3fe7200000000000, 0x3fd4c9e09e173000, 0xbd2e20891b0ad8a4,
        0x3fe7000000000000, 0x3fd522ae0738a000, 0x3d2ebe708164c759,
        0x3fe6e00000000000, 0x3fd57bf753c8d000, 0x3d1fadedee5d40ef,
        0x3fe6c00000000000, 0x3fd5d5bddf596000, 0xbd0a0b2a08a465dc
    ];

    /// <summary>pow(<paramref name="x"/>, <paramref name="y"/>) as glibc's __pow_fma computes it.</summary>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    /// <param name="expTable">The device copy of <see cref="DeviceExp.Table"/>.</param>
    /// <param name="logTable">The device copy of <see cref="LogTable"/>.</param>
    /// <returns>x^y, Math.Pow's bits where that is glibc's FMA build.</returns>
    internal static double Pow(double x, double y, ArrayView<ulong> expTable, ArrayView<ulong> logTable)
    {
        ulong signBias = 0;
        ulong ix = Interop.FloatAsInt(x);
        ulong iy = Interop.FloatAsInt(y);
        uint topx = (uint)(ix >> 52);
        uint topy = (uint)(iy >> 52);
        if (topx - 0x001u >= 0x7ffu - 0x001u || (topy & 0x7ffu) - 0x3beu >= 0x43eu - 0x3beu)
        {
            if (IsZeroInfNan(iy))
            {
                if (2 * iy == 0)
                {
                    return IsSignaling(ix) ? x + y : 1.0;
                }

                if (ix == OneBits)
                {
                    return IsSignaling(iy) ? x + y : 1.0;
                }

                if (2 * ix > unchecked(2 * InfBits) || 2 * iy > unchecked(2 * InfBits))
                {
                    return x + y;
                }

                if (2 * ix == 2 * OneBits)
                {
                    return 1.0;
                }

                if ((2 * ix < 2 * OneBits) == ((iy >> 63) == 0))
                {
                    return 0.0; // |x| < 1 and y = inf, or |x| > 1 and y = -inf
                }

                return y * y;
            }

            if (IsZeroInfNan(ix))
            {
                double x2 = x * x;
                if ((ix >> 63) != 0 && CheckInt(iy) == 1)
                {
                    x2 = -x2;
                }

                return (iy >> 63) != 0 ? 1.0 / x2 : x2;
            }

            // x and y nonzero and finite
            if ((ix >> 63) != 0)
            {
                int yint = CheckInt(iy);
                if (yint == 0)
                {
                    return (x - x) / (x - x); // __math_invalid
                }

                if (yint == 1)
                {
                    signBias = 0x40000; // 0x800 << 7
                }

                ix &= 0x7fffffffffffffff;
                topx &= 0x7ffu;
            }

            if ((topy & 0x7ffu) - 0x3beu >= 0x43eu - 0x3beu)
            {
                if (ix == OneBits)
                {
                    return 1.0;
                }

                if ((topy & 0x7ffu) < 0x3beu)
                {
                    return ix > OneBits ? 1.0 + y : 1.0 - y; // |y| < 2^-65
                }

                // __math_oflow(0) = +inf, __math_uflow(0) = +0
                return (ix > OneBits) == (topy < 0x800u) ? double.PositiveInfinity : 0.0;
            }

            if (topx == 0)
            {
                // subnormal x: normalise, so that the exponent becomes negative
                ix = Interop.FloatAsInt(x * TwoTo52);
                ix &= 0x7fffffffffffffff;
                ix -= 52UL << 52;
            }
        }

        // log_inline: log(x) = hi + lo
        ulong tmpx = ix - LogOffset;
        int i = (int)((tmpx >> 45) & 127);
        int k = (int)((tmpx >> 52) ^ 0x800) - 0x800; // the arithmetic shift of tmpx by 52
        ulong iz = ix - (tmpx & 0xfff0000000000000);
        double z = Interop.IntAsFloat(iz);
        double kd = k;
        double invc = Interop.IntAsFloat(logTable[3 * i]);
        double logc = Interop.IntAsFloat(logTable[(3 * i) + 1]);
        double logctail = Interop.IntAsFloat(logTable[(3 * i) + 2]);
        double r = DeviceMath.Fma(z, invc, -1.0);
        double t1 = DeviceMath.Fma(kd, Ln2Hi, logc);
        double t2 = t1 + r;
        double lo1 = DeviceMath.Fma(kd, Ln2Lo, logctail);
        double lo2 = t1 - t2 + r;
        double ar = A0 * r;
        double ar2 = r * ar;
        double ar3 = r * ar2;
        double hi = t2 + ar2;
        double lo3 = DeviceMath.Fma(ar, r, -ar2);
        double lo4 = t2 - hi + ar2;

        // A1 + r A2 + ar2 (A3 + r A4 + ar2 (A5 + r A6)), fused as the FMA build fuses it
        double q = DeviceMath.Fma(r, A6, A5);
        q = DeviceMath.Fma(q, ar2, DeviceMath.Fma(r, A4, A3));
        double p = DeviceMath.Fma(ar2, q, DeviceMath.Fma(r, A2, A1));
        double lo = DeviceMath.Fma(ar3, p, lo1 + lo2 + lo3 + lo4);
        double lhi = hi + lo;
        double llo = hi - lhi + lo;

        // y log(x) = ehi + elo
        double ehi = y * lhi;
        double elo = DeviceMath.Fma(y, llo, DeviceMath.Fma(lhi, y, -ehi));
        return Exp(ehi, elo, signBias, expTable);
    }

    /// <summary>glibc's exp_inline: exp(x + xtail), negated where <paramref name="signBias"/> is set.</summary>
    /// <param name="x">The argument's high part, y log(x) rounded.</param>
    /// <param name="xtail">Its low part.</param>
    /// <param name="signBias">0x40000 for a negative result, else 0: added to k, it lands on scale's sign bit.</param>
    /// <param name="table">The device copy of <see cref="DeviceExp.Table"/>.</param>
    /// <returns>±exp(x + xtail).</returns>
    private static double Exp(double x, double xtail, ulong signBias, ArrayView<ulong> table)
    {
        ulong ix = Interop.FloatAsInt(x);
        uint abstop = (uint)(ix >> 52) & 0x7ffu;
        if (abstop - 0x3c9u >= 0x3fu)
        {
            if (abstop - 0x3c9u >= 0x80000000u)
            {
                double one = 1.0 + x; // |x| < 2^-54
                return signBias != 0 ? -one : one;
            }

            if (abstop >= 0x409u)
            {
                // __math_uflow(sign) = -+0, __math_oflow(sign) = -+inf
                ulong sign = signBias != 0 ? SignBit : 0;
                return Interop.IntAsFloat((ix >> 63) != 0 ? sign : sign | InfBits);
            }

            abstop = 0; // 512 <= |x| < 1024
        }

        double kd = DeviceMath.Fma(DeviceExp.InvLn2N, x, DeviceExp.Shift);
        ulong ki = Interop.FloatAsInt(kd);
        kd -= DeviceExp.Shift;
        double r = DeviceMath.Fma(kd, DeviceExp.NegLn2HiN, x);
        r = DeviceMath.Fma(kd, DeviceExp.NegLn2LoN, r);
        r += xtail;
        int idx = 2 * (int)(ki & 127);
        double tail = Interop.IntAsFloat(table[idx]);
        ulong sbits = table[idx + 1] + ((ki + signBias) << 45);
        double r2 = r * r;
        double p23 = DeviceMath.Fma(r, DeviceExp.C3, DeviceExp.C2);
        double p45 = DeviceMath.Fma(r, DeviceExp.C5, DeviceExp.C4);
        double tmp = DeviceMath.Fma(p23, r2, tail + r);
        tmp = DeviceMath.Fma(p45, r2 * r2, tmp);
        if (abstop == 0)
        {
            return ExpSpecial(tmp, sbits, ki);
        }

        double scale = Interop.IntAsFloat(sbits);
        return DeviceMath.Fma(tmp, scale, scale);
    }

    /// <summary>glibc's exp_inline's specialcase: like <see cref="DeviceExp"/>'s, but the result may be negative.</summary>
    /// <param name="tmp">exp(r) - 1 + tail.</param>
    /// <param name="sbits">scale's bits, whose exponent may have wrapped and whose sign is the result's.</param>
    /// <param name="ki">k's bits (the shifted kd).</param>
    /// <returns>scale (1 + tmp), rounded once.</returns>
    private static double ExpSpecial(double tmp, ulong sbits, ulong ki)
    {
        if ((ki & 0x80000000) == 0)
        {
            double scaleDown = Interop.IntAsFloat(sbits - DeviceExp.Minus1009Bits);
            return DeviceMath.Fma(scaleDown, tmp, scaleDown) * DeviceExp.TwoTo1009;
        }

        sbits += DeviceExp.Plus1022Bits; // now signed: its sign is the result's
        double scale = Interop.IntAsFloat(sbits);
        double st = scale * tmp; // not fused in the FMA build
        double y = scale + st;
        if (Math.Abs(y) < 1.0)
        {
            double one = y < 0.0 ? -1.0 : 1.0;
            double lo = scale - y + st;
            double hi = y + one;
            lo = one - hi + y + lo;
            y = (lo + hi) - one;
            if (y == 0.0)
            {
                y = Interop.IntAsFloat(sbits & SignBit); // the sign of zero
            }
        }

        return y * DeviceExp.TwoToMinus1022;
    }

    /// <summary>glibc's checkint for the bits of a nonzero finite y.</summary>
    /// <param name="iy">y's bits.</param>
    /// <returns>0 not an integer, 1 odd, 2 even.</returns>
    private static int CheckInt(ulong iy)
    {
        int e = (int)(iy >> 52) & 0x7ff;
        if (e < 0x3ff)
        {
            return 0;
        }

        if (e > 0x3ff + 52)
        {
            return 2;
        }

        if ((iy & ((1UL << (0x3ff + 52 - e)) - 1)) != 0)
        {
            return 0;
        }

        return (iy & (1UL << (0x3ff + 52 - e))) != 0 ? 1 : 2;
    }

    /// <summary>True for the bits of 0, inf or NaN (either sign).</summary>
    /// <param name="i">The bits.</param>
    /// <returns>Whether they are.</returns>
    private static bool IsZeroInfNan(ulong i) => (2 * i) - 1 >= unchecked(2 * InfBits) - 1;

    /// <summary>True for the bits of a signaling NaN.</summary>
    /// <param name="i">The bits.</param>
    /// <returns>Whether they are.</returns>
    private static bool IsSignaling(ulong i) => 2 * (i ^ 0x0008000000000000) > unchecked(2 * 0x7ff8000000000000UL);
}
