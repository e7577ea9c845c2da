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
        var active = WarningQueries.Visible(db, await me.ScopeAsync(ct)).Where(w => w.ClearedAt == null);
        Counts = await active.GroupBy(w => w.Rule).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        var q = rule is null ? active : active.Where(w => w.Rule == rule);
        Pager = new Pager(Request, 50, await q.CountAsync(ct));
        Items = await WarningQueries.DtosAsync(q.OrderByDescending(w => w.RaisedAt).ThenByDescending(w => w.Id).Skip(Pager.Skip).Take(Pager.PageSize), ct);
    }

    /// <summary>Where the warning is dealt with.</summary>
    public string? Link(WarningDto w) => WarningQueries.Link(w.TargetType, w.TargetId);
}
