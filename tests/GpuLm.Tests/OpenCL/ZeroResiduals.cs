using Xunit;

namespace GpuLm.Tests.OpenCL;

/// <summary>The check the device libm tests share: a model <c>a*f(...)</c> at a = 1, with y the
/// host's f at the same arguments, has the residual +0 exactly where the device's f is the
/// host's bit for bit, and a row of zero residuals ends after its first evaluation (gnorm = 0 ≤
/// gtol, ier 4) with fvec at the start.</summary>
internal static class ZeroResiduals
{
    /// <summary>Fits <paramref name="batch"/> on the device (team of one) and the CPU, and asserts
    /// that every residual of both is +0 and every row ends with ier 4.</summary>
    /// <param name="fixture">The accelerators.</param>
    /// <param name="batch">The batch, y = the host's f.</param>
    /// <param name="describe">The argument and host value of residual i, for the message.</param>
    public static void AssertAllZero(DeviceFixture fixture, FitBatch batch, Func<int, string> describe)
    {
        var options = new FitOptions { Outputs = FitOutputs.Fvec };
        FitResult device = fixture.Team(1).Fit(batch, options);
        FitResult cpu = fixture.Cpu.Fit(batch, options);

        int differing = 0;
        string first = "";
        for (int i = 0; i < device.Fvec!.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(device.Fvec[i]) != 0 || BitConverter.DoubleToInt64Bits(cpu.Fvec![i]) != 0)
            {
                if (differing++ == 0)
                {
                    first = $"{describe(i)}, the residual on the device {device.Fvec[i]:R}, on the CPU accelerator {cpu.Fvec![i]:R}";
                }
            }
        }

        Assert.True(differing == 0, $"{differing} of {device.Fvec.Length} values differ; the first at {first}");
        Assert.All(device.Ier, ier => Assert.Equal(LeastSqStatus.GtolReached, ier));
        Assert.All(cpu.Ier, ier => Assert.Equal(LeastSqStatus.GtolReached, ier));
    }
}
