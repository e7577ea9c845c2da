namespace Lianfang.Core.Tests;

/// <summary>The instant the tests stamp records with: Core reads no clock, it is given the time (<c>now</c>, UTC).</summary>
internal static class Times
{
    public static readonly DateTime Now = new(2026, 4, 10, 2, 0, 0, DateTimeKind.Utc);
}
