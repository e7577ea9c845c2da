using System.Runtime.InteropServices;

namespace Lianfang.Core.Tests.Architecture;

/// <summary>Core holds the rules and depends on nothing but .NET itself: no ASP.NET Core, no EF Core, no package, no Web.</summary>
public sealed class CoreDependencyTests
{
    [Fact]
    public void Core_references_only_assemblies_of_the_NET_runtime()
    {
        var core = typeof(DomainException).Assembly;
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var references = core.GetReferencedAssemblies();
        Assert.NotEmpty(references);
        var outside = references.Where(a => !File.Exists(Path.Combine(runtime, a.Name + ".dll"))).Select(a => a.FullName).ToList();
        Assert.True(outside.Count == 0, $"Lianfang.Core references assemblies outside the .NET runtime ({runtime}):\n" + string.Join("\n", outside));
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Microsoft.Extensions")]
    [InlineData("Lianfang.Web")]
    public void Core_references_no(string prefix) =>
        Assert.DoesNotContain(typeof(DomainException).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith(prefix, StringComparison.Ordinal));
}
