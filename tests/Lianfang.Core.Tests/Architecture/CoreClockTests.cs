using System.Reflection;
using System.Reflection.Emit;

namespace Lianfang.Core.Tests.Architecture;

/// <summary>
/// Core reads no clock: what it stamps (a signature's time, a filing's, a complaint's receipt) is the <c>now</c> it is
/// given, so a rule behaves the same at any hour and a test states the time it means.
/// </summary>
public sealed class CoreClockTests
{
    private static readonly MethodBase[] Clocks =
    [
        typeof(DateTime).GetProperty(nameof(DateTime.UtcNow))!.GetMethod!, typeof(DateTime).GetProperty(nameof(DateTime.Now))!.GetMethod!,
        typeof(DateTime).GetProperty(nameof(DateTime.Today))!.GetMethod!, typeof(DateTimeOffset).GetProperty(nameof(DateTimeOffset.UtcNow))!.GetMethod!,
        typeof(DateTimeOffset).GetProperty(nameof(DateTimeOffset.Now))!.GetMethod!,
    ];

    [Fact]
    public void No_method_of_Core_reads_the_system_clock()
    {
        var core = typeof(DomainException).Assembly;
        var readers = new List<string>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in core.GetTypes())
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
                if (method.GetMethodBody()?.GetILAsByteArray() is { } il && Calls(method.Module, il).Any(m => Clocks.Contains(m)))
                    readers.Add($"{type.FullName}.{method.Name}");
        Assert.True(readers.Count == 0, "Core reads the clock instead of taking now:\n" + string.Join("\n", readers));
    }

    [Fact]
    public void The_scan_finds_a_clock_read() =>
        Assert.Contains(Clocks[0], Calls(typeof(CoreClockTests).Module,
            typeof(CoreClockTests).GetMethod(nameof(ReadsTheClock), BindingFlags.NonPublic | BindingFlags.Static)!.GetMethodBody()!.GetILAsByteArray()!));

    private static DateTime ReadsTheClock() => DateTime.UtcNow;

    /// <summary>The methods an IL body calls (call, callvirt, newobj), read from the tokens that follow those op codes.</summary>
    private static IEnumerable<MethodBase> Calls(Module module, byte[] il)
    {
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] != OpCodes.Call.Value && il[i] != OpCodes.Callvirt.Value && il[i] != OpCodes.Newobj.Value) continue;
            MethodBase? m;
            try { m = module.ResolveMethod(BitConverter.ToInt32(il, i + 1)); }
            catch (ArgumentException) { continue; } // a byte that only looks like the op code: not a method token
            if (m is not null) yield return m;
        }
    }
}
