using Lianfang.Core.Supervision;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Complaints;

public sealed class IndexModel(AppDbContext db, CurrentUser me) : PageModel
{
    public List<ComplaintDto> Items { get; private set; } = [];
    public ComplaintStatus? Status { get; private set; }
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(ComplaintStatus? status, int page = 1, CancellationToken ct = default)
    {
        Status = status;
        var q = ComplaintsApi.Readable(db, await me.ScopeAsync(ct));
        if (status is { } s) q = q.Where(c => c.Status == s);
        Pager = new Pager(Request, page, 50, await q.CountAsync(ct));
        Items = await ComplaintsApi.Dtos(db, q).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct);
    }
}
