using Xunit;
using Xunit.Abstractions;

namespace GpuLm.Tests.OpenCL;

/// <summary>
/// The team-parallel kernel (several work-items per problem) on PoCL at every team size from 2
/// to 64. A team splits the model, the Jacobian and the element-wise updates over the m
/// residuals, while each norm and dot product runs in MINPACK's index order, so every team
/// size gives the CPU's results bit for bit.
/// </summary>
public abstract class TeamSuite(DeviceFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<int> Teams() => [2, 4, 8, 16, 32, 64];

    [OpenCLTheory]
    [MemberData(nameof(Teams))]
    public void Fit_TeamOnLibmFreeModel_EveryOutputBitIdenticalToCpu(int team)
    {
        // m = 24: teams of 32 and 64 have idle threads, whose barriers must still match.
        const int rows = 60;
        FitBatch batch = ExactnessSuite.RationalBatch(rows, seed: 5, weighted: true);
        batch.Y[3 * batch.PointCount] = double.NaN;
        var options = new FitOptions
        {
            MaxFev = [.. Enumerable.Range(0, rows).Select(r => r % 6 == 0 ? 5 : 0)],
            Outputs = FitOutputs.All,
        };
        foreach (JacobianMode mode in new[] { JacobianMode.Analytic, JacobianMode.FiniteDifferences })
        {
            FitOptions o = options with { Jacobian = mode };
            ExactnessSuite.AssertIdentical(fixture.Cpu.Fit(batch, o), fixture.Team(team).Fit(batch, o));
        }
    }

    [OpenCLTheory]
    [MemberData(nameof(Teams))]
    public void Fit_TeamOnDecayBatch_SameIerNfevAndXAsCpu(int team)
    {
        // exp is glibc's on the device, so on a glibc FMA host the rows agree bit for bit,
        // noise-only rows and far-off starts included.
        FitBatch batch = ParityData.Decay(400, seed: 31);
        var options = new FitOptions { Outputs = FitOutputs.CovX };
        FitResult cpu = fixture.Cpu.Fit(batch, options);

        FitResult device = fixture.Team(team).Fit(batch, options);

        ParityStatistics s = ParityStatistics.Compare(device, cpu);
        output.WriteLine($"team {team}: {s}");
        if (HostExp.IsGlibcFma)
        {
            Assert.True(s.BitIdentical == s.Rows, s.ToString());
        }
        else
        {
            Assert.True(s.SameClass >= 0.995 * s.Rows, s.ToString());
        }
    }
}


/// <summary><see cref="TeamSuite"/> on ILGPU's CPU accelerator.</summary>
public sealed class IlgpuCpuTeamTests(IlgpuCpuFixture fixture, ITestOutputHelper output) : TeamSuite(fixture, output), IClassFixture<IlgpuCpuFixture>;

/// <summary><see cref="TeamSuite"/> on ILGPU's OpenCL accelerator.</summary>
public sealed class OpenCLTeamTests(OpenCLFixture fixture, ITestOutputHelper output) : TeamSuite(fixture, output), IClassFixture<OpenCLFixture>;
