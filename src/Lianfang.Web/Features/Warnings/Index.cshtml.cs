using Lianfang.Core.Supervision;
using Lianfang.Web.Features.Supervision;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Warnings;

public sealed class IndexModel(AppDbContext db, CurrentUser me) : PageModel
{
    public List<WarningDto> Items { get; private set; } = [];
    public Dictionary<string, int> Counts { get; private set; } = [];
    public string? Rule { get; private set; }
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(string? rule, CancellationToken ct = default)
    {
        Rule = rule;
        var active = SupervisionApi.VisibleWarnings(db, await me.ScopeAsync(ct)).Where(w => w.ClearedAt == null);
        Counts = await active.GroupBy(w => w.Rule).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        var q = rule is null ? active : active.Where(w => w.Rule == rule);
        Pager = new Pager(Request, 50, await q.CountAsync(ct));
        Items = (await q.OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id).Skip(Pager.Skip).Take(Pager.PageSize)
                .Select(w => new { w, Unit = w.OrgUnit.Name }).ToListAsync(ct))
            .Select(x => new WarningDto(x.w.Id, x.w.Rule, WarningRules.Label(x.w.Rule), x.w.TargetType, x.w.TargetId, x.w.OrgUnitId, x.Unit, x.w.Message, x.w.Assignee, x.w.RaisedAt))
            .ToList();
    }

    /// <summary>Where the warning is dealt with.</summary>
    public string? Link(WarningDto w) => Inbox.InboxQueries.WarningLink(w.TargetType, w.TargetId);
}
