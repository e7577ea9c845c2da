using Lianfang.Core.Supervision;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Complaints;

public sealed class IndexModel(AppDbContext db, CurrentUser me, ComplaintCommands commands) : PageModel
{
    public List<ComplaintDto> Items { get; private set; } = [];
    public ComplaintStatus? Status { get; private set; }
    public Pager Pager { get; private set; } = null!;
    public UnitSelect Units { get; private set; } = null!;

    public Task OnGetAsync(ComplaintStatus? status, CancellationToken ct = default) => LoadAsync(status, ct);

    /// <summary>What was typed into the petition form, shown again when it comes back with an error.</summary>
    public PetitionRequest? Typed { get; private set; }

    public async Task<IActionResult> OnPostPetitionAsync(int? orgUnitId, string? content, string? contactName, string? contact, CancellationToken ct)
    {
        await LoadAsync(null, ct);
        Typed = new PetitionRequest(orgUnitId, null, null, content, contactName, contact);
        await commands.AddPetitionAsync(await me.ScopeAsync(ct), new PetitionRequest(orgUnitId, null, null, content, contactName, contact), ct);
        TempData["Message"] = "信访件已登记";
        return Redirect("/Complaints");
    }

    public async Task<IActionResult> OnPostTriageAsync(long id, ComplaintStatus? status, string? note, int? version, CancellationToken ct)
    {
        await LoadAsync(null, ct);
        await commands.TriageAsync(await me.ScopeAsync(ct), id, new TriageRequest(status, note, version), ct);
        TempData["Message"] = $"已改为“{Complaint.Label(status!.Value)}”";
        return Redirect("/Complaints");
    }

    private async Task LoadAsync(ComplaintStatus? status, CancellationToken ct)
    {
        Status = status;
        var scope = await me.ScopeAsync(ct);
        Units = await UnitSelect.LoadAsync(db, scope, null, false, ct);
        var q = ComplaintQueries.Readable(db, scope);
        if (status is { } s) q = q.Where(c => c.Status == s);
        Pager = new Pager(Request, 50, await q.CountAsync(ct));
        Items = await ComplaintQueries.Dtos(db, q).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct);
    }
}
