using Lianfang.Core.Supervision;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Supervision;

public sealed class IndexModel(SupervisionCommands commands, CurrentUser me, TimeProvider time) : PageModel
{
    public List<InspectionDto> Items { get; private set; } = [];
    public InspectionType? Type { get; private set; }
    public int Year { get; private set; }
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(InspectionType? type, int? year, CancellationToken ct = default)
    {
        (Type, Year) = (type, year ?? time.Today().Year);
        var q = commands.Visible(await me.ScopeAsync(ct)).Where(i => i.Date >= new DateOnly(Year, 1, 1) && i.Date <= new DateOnly(Year, 12, 31));
        if (type is { } t) q = q.Where(i => i.Type == t);
        Pager = new Pager(Request, 50, await q.CountAsync(ct));
        Items = (await q.OrderByDescending(i => i.Date).ThenByDescending(i => i.Id).Skip(Pager.Skip).Take(Pager.PageSize)
                .Select(i => new { i, Unit = i.OrgUnit.Name }).ToListAsync(ct))
            .Select(x => SupervisionApi.Dto(x.i, x.Unit)).ToList();
    }
}
