using Lianfang.Web.Features.Schemes;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Filings;

public sealed class IndexModel(AppDbContext db, CurrentUser me, SchemeStore schemes) : PageModel
{
    public sealed record Row(int ListId, string OrgUnit, string Description, string Level, DateTime FiledAt);

    public List<Row> Items { get; private set; } = [];
    public sealed record FormRow(int? ListId, int CampaignId, int OrgUnitId, string OrgUnit, string FormCode, string FormTitle, string Title, DateTime FiledAt);
    /// <summary>登记表 and 汇总表 filed under a FormFiling rule (003), newest first.</summary>
    public List<FormRow> Forms { get; private set; } = [];
    public UnitSelect Units { get; private set; } = null!;
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(int? orgUnitId, CancellationToken ct = default)
    {
        var scope = await me.ScopeAsync(ct);
        Units = await UnitSelect.LoadAsync(db, scope, orgUnitId, false, ct);
        var q = FilingQueries.Query(db, scope, orgUnitId, null);
        Pager = new Pager(Request, 50, await q.CountAsync(ct));
        var rows = await q.Skip(Pager.Skip).Take(Pager.PageSize)
            .Select(f => new
            {
                f.ListId, Unit = f.OrgUnit.Name, f.Description, f.LevelCode, f.FiledAt,
                Scheme = db.RiskLists.Where(l => l.Id == f.ListId).Select(l => l.SchemeCode).First(),
            })
            .ToListAsync(ct);
        foreach (var r in rows)
            Items.Add(new Row(r.ListId, r.Unit, r.Description, (await schemes.FindAsync(r.Scheme, ct))?.Level(r.LevelCode)?.Name ?? r.LevelCode, r.FiledAt));
        Forms = await FilingQueries.Forms(db, scope, orgUnitId, null).Take(200)
            .Select(f => new FormRow(f.ListId, f.CampaignId, f.OrgUnitId, f.OrgUnit.Name, f.FormCode, f.FormTitle, f.Title, f.FiledAt)).ToListAsync(ct);
    }
}
