using Lianfang.Core.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features;

public sealed class IndexModel(AppDbContext db, CurrentUser me, Inbox.InboxQueries inbox, Account.DirectoryOptions directory) : PageModel
{
    public sealed record GrantRow(Role Role, string? UnitName, string Reach);

    public string? DisplayName { get; private set; }
    public List<GrantRow> Grants { get; private set; } = [];
    public int Units { get; private set; }
    public int Posts { get; private set; }
    public int People { get; private set; }
    /// <summary>待办 due within the reminder window or already overdue.</summary>
    public List<Inbox.InboxQueries.Item> DueSoon { get; private set; } = [];
    public int ReminderDays => inbox.ReminderDays;
    /// <summary>What a directory account lacks (a role, a person), said where its holder lands after signing in.</summary>
    public List<string> Notices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await me.ScopeAsync(ct);
        DueSoon = (await inbox.LoadAsync(scope, ct)).Where(i => i.DaysLeft <= inbox.ReminderDays).ToList();
        var account = await db.Users.Where(u => u.Id == scope.UserId).Select(u => new { u.DisplayName, u.DirectoryDn }).FirstOrDefaultAsync(ct);
        DisplayName = account?.DisplayName;
        Notices = Account.DirectoryAccounts.Notices(directory, account?.DirectoryDn is not null, scope.Grants.Count, scope.PersonId);
        var ids = scope.Grants.Select(g => g.OrgUnitId).OfType<int>().ToList();
        var names = await db.OrgUnits.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Grants = scope.Grants.Select(g => new GrantRow(g.Role, g.OrgUnitId is { } id ? names.GetValueOrDefault(id) : null, g.Role.Reach() switch
        {
            GrantReach.Nothing => "仅受邀事项",
            GrantReach.UnitOnly => "本人及所在处室",
            GrantReach.SubtreeAndSupervised => "本机构及所监督单位",
            _ => g.OrgUnitId is null ? "全系统" : "本机构及下级",
        })).ToList();
        Units = await db.OrgUnits.Visible(scope).CountAsync(ct);
        Posts = await db.Posts.Visible(scope).CountAsync(ct);
        People = await db.People.Visible(scope).CountAsync(ct);
    }
}
