using Lianfang.Core.Supervision;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Supervision;

public sealed class RectificationsModel(SupervisionCommands commands, CurrentUser me, TimeProvider time) : PageModel
{
    public List<RectificationDto> Items { get; private set; } = [];
    public RectificationStatus? Status { get; private set; }
    public bool Overdue { get; private set; }
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(RectificationStatus? status, bool overdue = false, CancellationToken ct = default)
    {
        (Status, Overdue) = (status, overdue);
        var q = commands.VisibleRectifications(await me.ScopeAsync(ct));
        if (status is { } s) q = q.Where(r => r.Status == s);
        var today = time.Today();
        if (overdue) q = q.Where(r => r.Status != RectificationStatus.Verified && r.Deadline < today);
        Pager = new Pager(Request, 50, await q.CountAsync(ct));
        Items = (await q.OrderBy(r => r.Status).ThenBy(r => r.Deadline).Skip(Pager.Skip).Take(Pager.PageSize)
                .Include(r => r.Finding).Include(r => r.Evidence).Select(r => new { r, Unit = r.OwnerOrgUnit.Name }).ToListAsync(ct))
            .Select(x => SupervisionApi.Dto(x.r, x.Unit, today)).ToList();
    }
}
