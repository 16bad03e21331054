using GpuLm.Models;
using Xunit;

namespace GpuLm.Tests.Batch;

/// <summary>FitBatch's shape checks: every mismatch names the array and both shapes.</summary>
public sealed class FitBatchTests
{
    private static readonly Model Decay = ModelCatalog.Get("exp_decay").Model;
    private static readonly double[] T = Enumerable.Range(0, 8).Select(i => (double)i).ToArray();

    [Fact]
    public void Constructor_YOfWrongLength_ThrowsNamingYAndShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new FitBatch(Decay, 2, 8, new double[15], T, [1.0, 1.0, 0.0]));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("2×8 = 16", e.Message);
        Assert.Contains("has 15", e.Message);
    }

    [Fact]
    public void Constructor_VariablesOfWrongLength_ThrowsWithBothAcceptedShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new FitBatch(Decay, 2, 8, new double[16], new double[7], [1.0, 1.0, 0.0]));
        Assert.Equal("variables", e.ParamName);
        Assert.Contains("m×d = 8×1 = 8", e.Message);
        Assert.Contains("B×m×d = 2×8×1 = 16", e.Message);
    }

    [Fact]
    public void Constructor_X0OfWrongLength_ThrowsNamingX0()
    {
        var e = Assert.Throws<ArgumentException>(() => new FitBatch(Decay, 2, 8, new double[16], T, [1.0, 1.0]));
        Assert.Equal("x0", e.ParamName);
        Assert.Contains("n = 3", e.Message);
        Assert.Contains("B×n = 2×3 = 6", e.Message);
    }

    [Fact]
    public void Constructor_WeightsOfWrongLength_ThrowsNamingWeights()
    {
        var e = Assert.Throws<ArgumentException>(
            () => new FitBatch(Decay, 2, 8, new double[16], T, [1.0, 1.0, 0.0], new double[8]));
        Assert.Equal("weights", e.ParamName);
        Assert.Contains("has 8", e.Message);
    }

    [Fact]
    public void Constructor_FewerPointsThanParameters_ThrowsNamingMAndN()
    {
        var e = Assert.Throws<ArgumentException>(() => new FitBatch(Decay, 1, 2, new double[2], [0.0, 1.0], [1.0, 1.0, 0.0]));
        Assert.Equal("pointCount", e.ParamName);
        Assert.Contains("m=2", e.Message);
        Assert.Contains("n=3", e.Message);
    }

    [Fact]
    public void Constructor_NoProblems_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new FitBatch(Decay, 0, 8, [], T, [1.0, 1.0, 0.0]));
        Assert.Equal("problemCount", e.ParamName);
    }

    [Fact]
    public void Layout_SharedAndPerRowArrays_AreRecognised()
    {
        var shared = new FitBatch(Decay, 2, 8, new double[16], T, [1.0, 1.0, 0.0]);
        var perRow = new FitBatch(Decay, 2, 8, new double[16], new double[16], new double[6]);

        Assert.True(shared.SharedVariables);
        Assert.True(shared.SharedX0);
        Assert.Equal(0, shared.VariablesOffset(1));
        Assert.False(perRow.SharedVariables);
        Assert.False(perRow.SharedX0);
        Assert.Equal(8, perRow.VariablesOffset(1));
        Assert.Equal(3, perRow.X0Offset(1));
    }
}
