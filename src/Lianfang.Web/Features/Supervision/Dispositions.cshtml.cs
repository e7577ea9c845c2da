using Lianfang.Core.Supervision;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lianfang.Web.Features.Supervision;

public sealed class DispositionsModel(AppDbContext db, CurrentUser me, SupervisionCommands commands) : PageModel
{
    public int PersonId { get; private set; }
    public long? FindingId { get; private set; }
    public string PersonName { get; private set; } = "";
    public List<Disposition> Items { get; private set; } = [];
    public bool CanRecord { get; private set; }

    public async Task<IActionResult> OnGetAsync(int personId, long? findingId, CancellationToken ct) =>
        await LoadAsync(personId, findingId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostWithdrawAsync(int personId, long id, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(personId, null, ct)) return NotFound();
        await commands.WithdrawDispositionAsync(await me.ScopeAsync(ct), id, reason, ct);
        TempData["Message"] = "处置记录已撤销";
        return Redirect($"/Supervision/Dispositions?personId={personId}");
    }

    public async Task<IActionResult> OnPostAsync(
        int personId, long? findingId, string? formAndMeasure, string? reason, DateOnly? decidedOn, CancellationToken ct)
    {
        if (!await LoadAsync(personId, findingId, ct)) return NotFound();
        var parts = (formAndMeasure ?? "").Split('|');
        var form = int.TryParse(parts[0], out var f) ? f : 0;
        await commands.AddDispositionAsync(await me.ScopeAsync(ct),
            new DispositionRequest(personId, findingId, form, parts.ElementAtOrDefault(1), reason, decidedOn), ct);
        TempData["Message"] = "处置已登记，记入廉政档案";
        return Redirect($"/Supervision/Dispositions?personId={personId}");
    }

    /// <summary>The record is read by the person, and by the party office, agency and commission over them.</summary>
    private async Task<bool> LoadAsync(int personId, long? findingId, CancellationToken ct)
    {
        var subject = await commands.DispositionSubjectAsync(await me.ScopeAsync(ct), personId, ct);
        if (subject is null) return false;
        (PersonId, FindingId, PersonName, CanRecord) = (subject.Id, findingId, subject.Name, subject.CanRecord);
        Items = await db.Dispositions.AsNoTracking().Where(d => d.PersonId == personId).OrderByDescending(d => d.DecidedOn).ToListAsync(ct);
        return true;
    }
}
