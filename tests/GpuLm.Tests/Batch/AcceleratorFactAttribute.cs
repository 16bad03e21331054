using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GpuLm.Tests.Batch;

/// <summary>A fact of an abstract suite that runs once per accelerator: skipped, saying why, in a
/// subclass marked <see cref="NeedsOpenCLAttribute"/> where no OpenCL device exists (unless
/// <c>GPULM_REQUIRE_OPENCL=1</c>), and run in every other subclass.</summary>
[XunitTestCaseDiscoverer("GpuLm.Tests.Batch.AcceleratorFactDiscoverer", "GpuLm.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class AcceleratorFactAttribute : FactAttribute
{
}

/// <summary>Marks a suite subclass whose accelerator is an OpenCL device.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NeedsOpenCLAttribute : Attribute
{
}

/// <summary>Finds <see cref="AcceleratorFactAttribute"/> tests, skipping them in an OpenCL subclass without a device.</summary>
/// <param name="sink">xunit's diagnostic sink.</param>
public sealed class AcceleratorFactDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(sink);

    /// <inheritdoc/>
    public IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        Type? testClass = testMethod.TestClass.Class.ToRuntimeType();
        if (testClass is not null
            && testClass.IsDefined(typeof(NeedsOpenCLAttribute), inherit: false)
            && OpenCL.OpenCLAvailability.SkipReason is { } reason)
        {
            return
            [
                new XunitSkippedDataRowTestCase(
                    sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason),
            ];
        }

        return _facts.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
