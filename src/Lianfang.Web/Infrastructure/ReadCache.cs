using System.Collections.Concurrent;

namespace Lianfang.Web.Infrastructure;

/// <summary>
/// Per-user figures every page shows (the layout's 待办 and 预警 counts, the register's campaigns and unit picker), each
/// account's sign-in scope and a few lookups (a unit's path, a campaign's scheme), kept across requests until this node
/// writes anything (<see cref="Data.WriteClock"/>), and at most <see cref="Lifetime"/> (the scope:
/// <see cref="Shared.CurrentUser.ScopeLifetime"/>) so that another node's writes show soon too.
/// </summary>
public sealed class ReadCache(Data.WriteClock clock, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(20);
    private const int MaxEntries = 50_000;

    private sealed record Entry(long Clock, DateTimeOffset At, object Value);
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> load, TimeSpan? lifetime = null) where T : class
    {
        // The clock is read before loading: a write committed while loading leaves this entry behind the clock.
        var now = clock.Value;
        if (_entries.TryGetValue(key, out var e) && e.Clock == now && time.GetUtcNow() - e.At < (lifetime ?? Lifetime) && e.Value is T hit)
            return hit;
        var value = await load();
        if (_entries.Count >= MaxEntries) _entries.Clear(); // a crude bound: a full cache is refilled by the next requests
        _entries[key] = new Entry(now, time.GetUtcNow(), value);
        return value;
    }
}
