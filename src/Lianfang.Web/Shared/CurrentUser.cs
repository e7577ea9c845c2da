using System.Security.Claims;
using Lianfang.Core.Access;

namespace Lianfang.Web.Shared;

/// <summary>The signed-in user of this request and their <see cref="AccessScope"/>, loaded once per request.</summary>
public sealed class CurrentUser(IHttpContextAccessor http, IServiceProvider services) : IAuditActor
{
    private AccessScope? _scope;
    private SignedInAccount? _account;
    private string? _actingAs;

    public int? UserId => int.TryParse(http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    public string? UserName => http.HttpContext?.User.Identity?.Name;

    (int? UserId, string? UserName) IAuditActor.Current => _actingAs is { } name ? (null, name) : UserId is null ? (null, "system") : (UserId, UserName);

    /// <summary>Work this request does on nobody's behalf (the directory sync at sign-in), recorded under <paramref name="name"/> until disposed.</summary>
    public IDisposable ActingAs(string name)
    {
        _actingAs = name;
        return new Restore(() => _actingAs = null);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    /// <summary>How the user is named on what they record and sign: the display name, else the user name.</summary>
    public async Task<string> DisplayNameAsync(CancellationToken ct = default)
    {
        if (UserId is not { } id) return "system";
        var db = services.GetRequiredService<AppDbContext>();
        return await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName ?? u.UserName).FirstOrDefaultAsync(ct) ?? UserName ?? "system";
    }

    /// <summary>
    /// How long another node's change to an account (grants, password, second factor, security stamp) may take to reach
    /// this node's requests; a change made on this node counts at once (<see cref="ReadCache"/>). Identity's own cookie
    /// check of the security stamp waits 30 minutes by default.
    /// </summary>
    public static readonly TimeSpan ScopeLifetime = TimeSpan.FromSeconds(5);

    public async ValueTask<AccessScope> ScopeAsync(CancellationToken ct = default)
    {
        if (_scope is not null) return _scope;
        if (UserId is not { } userId) return _scope = AccessScope.Anonymous;
        var db = services.GetRequiredService<AppDbContext>();
        // every request asks it: kept across requests until a write (a query and its materialisation a request otherwise)
        var loaded = await services.GetRequiredService<ReadCache>().GetAsync($"scope:{userId}",
            async () => new SignedIn(await LoadWithAccountAsync(db, userId, ct)), ScopeLifetime);
        (_scope, _account) = loaded.Value;
        return _scope;
    }

    private sealed record SignedIn((AccessScope Scope, SignedInAccount? Account) Value);

    /// <summary>The account's sign-in state (TOTP, security stamp, password age), read with the scope: no query of its own per request.</summary>
    public async ValueTask<SignedInAccount?> AccountAsync(CancellationToken ct = default)
    {
        await ScopeAsync(ct);
        return _account;
    }

    public static async Task<AccessScope> LoadAsync(AppDbContext db, int userId, CancellationToken ct) => (await LoadWithAccountAsync(db, userId, ct)).Scope;

    private static async Task<(AccessScope Scope, SignedInAccount? Account)> LoadWithAccountAsync(AppDbContext db, int userId, CancellationToken ct)
    {
        // the account and its grants in one query: every request asks it
        var user = await db.Users.Where(u => u.Id == userId)
            .Select(u => new
            {
                u.PersonId, Account = new SignedInAccount(u.TwoFactorEnabled, u.SecurityStamp, u.MustChangePassword, u.PasswordChangedAt),
                Grants = u.Grants.Select(g => new { g.Role, g.OrgUnitId, Path = g.OrgUnit == null ? null : g.OrgUnit.Path }).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        var personId = user?.PersonId;
        var grants = user?.Grants ?? [];
        var agencyIds = grants.Where(g => g.Role == Role.Agency && g.OrgUnitId != null).Select(g => g.OrgUnitId!.Value).ToList();
        var supervised = agencyIds.Count == 0 ? [] : await db.AgencySupervisions.AsNoTracking()
            .Where(s => agencyIds.Contains(s.AgencyId)).Select(s => new { s.AgencyId, s.Unit.Path }).ToListAsync(ct);
        return (new AccessScope(userId, personId, grants.Select(g => new ResolvedGrant(g.Role, g.OrgUnitId, g.Path,
            supervised.Where(s => s.AgencyId == g.OrgUnitId && g.Role == Role.Agency).Select(s => s.Path).ToList())).ToList()), user?.Account);
    }
}

/// <summary>What the request gate checks of a signed-in account besides its grants.</summary>
public sealed record SignedInAccount(bool SecondFactor, string? SecurityStamp, bool MustChangePassword, DateTime? PasswordChangedAt);
