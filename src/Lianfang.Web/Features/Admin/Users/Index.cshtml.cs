using Lianfang.Core.Access;
using Lianfang.Web.Features.Account;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Admin.Users;

public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    public sealed record Row(int Id, string UserName, string? DisplayName, string? Person, List<string> Grants, bool TwoFactor, bool Locked);

    public List<Row> Users { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public string? Q { get; private set; }
    /// <summary>Accounts are created by the system administrator; the security administrator only grants.</summary>
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync(string? q, CancellationToken ct = default)
    {
        var scope = await me.ScopeAsync(ct);
        UserQueries.EnsureKeeper(scope);
        CanCreate = scope.IsAdmin;
        var query = UserQueries.Visible(db, scope);
        if (!string.IsNullOrWhiteSpace(q))
        {
            Q = q.Trim();
            query = query.Where(u => u.UserName!.Contains(Q) || (u.DisplayName != null && u.DisplayName.Contains(Q)));
        }
        Pager = new Pager(Request, 50, await query.CountAsync(ct));
        var now = time.GetUtcNow();
        var rows = await query.OrderBy(u => u.UserName).Skip(Pager.Skip).Take(Pager.PageSize)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, Person = u.Person == null ? null : u.Person.Name, u.TwoFactorEnabled, u.LockoutEnd,
                Grants = u.Grants.Select(g => new { g.Role, Unit = g.OrgUnit == null ? null : g.OrgUnit.Name }).ToList(),
            }).ToListAsync(ct);
        Users = rows.Select(r => new Row(r.Id, r.UserName!, r.DisplayName, r.Person,
            r.Grants.Select(g => $"{g.Role.Label()} · {g.Unit ?? "全系统"}").ToList(), r.TwoFactorEnabled, r.LockoutEnd > now)).ToList();
    }
}
